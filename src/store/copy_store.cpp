#include "store/copy_store.h"

#include <map>

#include <fmt/format.h>

namespace retorno {

namespace {

constexpr int kPage = 200;

Result<std::vector<Case>> all_cases(Store& store) {
    std::vector<Case> out;
    CaseFilter filter;
    filter.limit = kPage;
    for (;;) {
        auto page = TRY(store.list_cases(filter));
        for (auto& c : page.cases)
            out.push_back(std::move(c));
        if (page.next.empty())
            return out;
        filter.after = page.next;
    }
}

Result<std::vector<Event>> all_events(Store& store, const Id& case_id) {
    std::vector<Event> out;
    for (;;) {
        std::int64_t after = out.empty() ? 0 : out.back().version;
        auto events = TRY(store.case_events(case_id, after, kPage));
        if (events.empty())
            return out;
        for (auto& e : events)
            out.push_back(std::move(e));
    }
}

Error verification_failed(std::string detail) {
    return Error::make(ErrorCode::Internal,
                       "The copy does not match the source; the target must not be used.",
                       std::move(detail));
}

Status copy_institutions(Store& from, Store& to, CopyReport& report) {
    auto institutions = TRY(from.list_institutions());
    // Parents first, because an institution names its parent by a foreign key.
    std::map<Id, bool> copied;
    std::size_t remaining = institutions.size();
    while (remaining > 0) {
        std::size_t before = remaining;
        for (const auto& institution : institutions) {
            if (copied[institution.id])
                continue;
            if (institution.parent && !copied[*institution.parent])
                continue;
            TRY_STATUS(to.put_institution(institution));
            copied[institution.id] = true;
            ++report.institutions;
            --remaining;
        }
        if (remaining == before) {
            return fail(Error::make(ErrorCode::Internal,
                                    "The source's institutions name parents that do not exist.",
                                    "a parent cycle or a dangling parent id"));
        }
    }
    return {};
}

}  // namespace

Result<CopyReport> copy_store(Store& from, Store& to) {
    if (TRY(to.count_events()) != 0 || TRY(to.count_cases()) != 0 ||
        !TRY(to.list_institutions()).empty() || !TRY(to.list_users()).empty()) {
        return fail(Error::make(ErrorCode::InvalidInput,
                                "The target store is not empty; a copy never merges into "
                                "existing data."));
    }
    CopyReport report;
    TRY_STATUS(copy_institutions(from, to, report));
    for (const auto& user : TRY(from.list_users())) {
        TRY_STATUS(to.put_user(user));
        ++report.users;
    }
    for (const auto& final_state : TRY(all_cases(from))) {
        auto events = TRY(all_events(from, final_state.id));
        for (const auto& event : events) {
            // Intermediate projections are not stored anywhere; each append carries the final
            // state stamped with the event's version, and the last append leaves exactly the
            // source's projection. Nobody reads the target during the copy.
            Case after = final_state;
            after.version = event.version;
            after.last_hash = event.hash;
            if (event.version != final_state.version)
                after.updated_at = event.recorded_at;
            TRY_STATUS(to.append(event, after));
            ++report.events;
        }
        if (events.empty() || events.back().version != final_state.version) {
            return fail(verification_failed(
                fmt::format("case {} is at version {} but has {} events",
                            final_state.id.to_string(), final_state.version, events.size())));
        }
        ++report.cases;
    }

    // Verification reads the target back rather than trusting the appends.
    if (TRY(to.count_events()) != TRY(from.count_events()) ||
        TRY(to.count_cases()) != TRY(from.count_cases())) {
        return fail(verification_failed("event or case counts differ"));
    }
    for (const auto& copied : TRY(all_cases(to))) {
        auto source = TRY(from.find_case(copied.id));
        auto events = TRY(all_events(to, copied.id));
        if (!source || events.empty() || source->last_hash != copied.last_hash ||
            events.back().hash != source->last_hash) {
            return fail(verification_failed(
                fmt::format("audit-chain head of case {} differs", copied.id.to_string())));
        }
    }
    return report;
}

}  // namespace retorno
