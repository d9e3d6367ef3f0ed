#include "store/chain_check.h"

#include <fmt/format.h>

#include "domain/case_replay.h"
#include "domain/event_hash.h"

namespace retorno {

namespace {

Error broken(std::string detail) {
    return Error::make(ErrorCode::InvalidInput,
                       "The audit chain does not verify: the data was changed, truncated or "
                       "damaged.",
                       std::move(detail));
}

constexpr int kPage = 500;

}  // namespace

void ChainCheck::add_case(const std::string& case_id, std::int64_t version, std::string last_hash) {
    auto& chain = m_chains[case_id];
    chain.version = version;
    chain.last_hash = std::move(last_hash);
    ++m_cases;
}

void ChainCheck::add_event(const Event& event) {
    auto& chain = m_chains[event.case_id.to_string()];
    Link link{event.previous_hash, event.hash, event_hash(event) == event.hash};
    // A duplicated version cannot come from a store (a unique key forbids it); it is counted so
    // that the totals disagree and `finish` reports it.
    chain.links.emplace(event.version, std::move(link));
    ++m_events;
}

Result<ChainReport> ChainCheck::finish() const {
    std::int64_t linked = 0;
    for (const auto& [case_id, chain] : m_chains) {
        if (chain.version == 0)
            return fail(broken("events of case " + case_id + " without a case"));
        if (static_cast<std::int64_t>(chain.links.size()) != chain.version) {
            return fail(broken(fmt::format("case {} is at version {} but has {} events", case_id,
                                           chain.version, chain.links.size())));
        }
        std::string previous;
        std::int64_t expected = 1;
        for (const auto& [version, link] : chain.links) {
            if (version != expected || link.previous_hash != previous) {
                return fail(broken(
                    fmt::format("case {}: the chain breaks at version {}", case_id, expected)));
            }
            if (!link.hash_matches) {
                return fail(broken(fmt::format(
                    "case {}: event {} does not hash to its recorded hash", case_id, version)));
            }
            previous = link.hash;
            ++expected;
        }
        if (previous != chain.last_hash) {
            return fail(
                broken(fmt::format("case {}: the projection's last hash is not the head "
                                   "of its chain",
                                   case_id)));
        }
        linked += static_cast<std::int64_t>(chain.links.size());
    }
    if (linked != m_events)
        return fail(broken("an event version is recorded twice"));
    return ChainReport{m_cases, m_events};
}

Error sealed_field_refused(const std::string& detail) {
    if (detail.find("is not in the key file") != std::string::npos) {
        return Error::make(ErrorCode::InvalidInput,
                           "The backup holds encrypted fields that the data key file of this "
                           "folder cannot decrypt; put the key file of the backed-up deployment "
                           "in DATA/keys first (if it is there, the backup is damaged).",
                           detail);
    }
    return Error::make(ErrorCode::InvalidInput,
                       "The backup is damaged or was changed after it was written: an encrypted "
                       "field in it does not open with its key. Nothing was restored; use another "
                       "backup.",
                       detail);
}

Result<ChainReport> verify_store(Store& store) {
    ChainCheck check;
    CaseFilter filter;
    filter.limit = kPage;
    for (;;) {
        auto page = TRY(store.list_cases(filter));
        for (const auto& c : page.cases) {
            check.add_case(c.id.to_string(), c.version, c.last_hash);
            CaseReplay replay;
            Status replayed;
            std::int64_t after = 0;
            for (;;) {
                auto events = TRY(store.case_events(c.id, after, kPage));
                if (events.empty())
                    break;
                for (const auto& event : events) {
                    check.add_event(event);
                    if (replayed)
                        replayed = replay.add(event);
                }
                after = events.back().version;
            }
            // A broken chain is the clearer verdict; the projection is compared only when its
            // events replay.
            if (replayed && replay.state() && case_to_json(*replay.state()) != case_to_json(c)) {
                return fail(broken("case " + c.id.to_string() +
                                   ": the projection does not match what its events make of it"));
            }
        }
        if (page.next.empty())
            break;
        filter.after = page.next;
    }
    auto report = TRY(check.finish());
    if (report.events != TRY(store.count_events()) || report.cases != TRY(store.count_cases())) {
        return fail(broken("the store's counts differ from the cases and events it lists"));
    }
    return report;
}

}  // namespace retorno
