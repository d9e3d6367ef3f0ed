#include "service/person_candidates.h"

#include <spdlog/spdlog.h>

#include "service/case_person_record.h"

namespace retorno {

namespace {

constexpr int kBuildPage = 500;

// The child of a case, prepared for the index; nullopt when the matcher refuses the stored
// data (logged by case id and field only: never a name).
std::optional<matching::PreparedPerson> prepared_child(const Case& c,
                                                       const matching::NameTables& tables) {
    auto prepared = matching::prepare_person(person_record_of_case(c), tables);
    if (!prepared) {
        spdlog::warn("person index: case {} left out: {} ({})", c.id.to_string(),
                     prepared.error().field, prepared.error().message);
        return std::nullopt;
    }
    return std::move(*prepared);
}

}  // namespace

Status PersonCandidates::refresh() {
    std::lock_guard refresh_lock(m_refresh_mutex);
    bool built = false;
    {
        std::shared_lock lock(m_index_mutex);
        built = m_index != nullptr;
    }
    if (!built) {
        auto tables = matching::NameTables::standard();
        if (!tables) {
            return fail(
                Error::make(ErrorCode::Unavailable, "The search for persons is not available.",
                            "the matching tables cannot be loaded: " + tables.error().message));
        }
        return build(*tables);
    }
    auto changed = TRY(m_follower.poll());
    return apply(changed);
}

Status PersonCandidates::build(std::shared_ptr<const matching::NameTables> tables) {
    // The log is read first: whatever is appended after this poll is also in the listing below
    // or comes with the next poll, and re-indexing a case is harmless.
    TRY(m_follower.poll());
    auto index = std::make_unique<matching::PersonIndex>(tables);
    CaseFilter filter;
    filter.limit = kBuildPage;
    while (true) {
        auto page = TRY(m_store.list_cases(filter));
        for (const auto& c : page.cases) {
            if (auto child = prepared_child(c, *tables))
                TRY_STATUS(index->upsert(std::move(*child)));
        }
        if (page.next.empty())
            break;
        filter.after = page.next;
    }
    spdlog::info("person index built: {} cases", index->size());
    std::unique_lock lock(m_index_mutex);
    m_index = std::move(index);
    return {};
}

Status PersonCandidates::apply(const std::vector<Id>& changed) {
    if (changed.empty())
        return {};
    std::vector<matching::PreparedPerson> upserts;
    std::vector<std::string> removals;
    const auto& tables = m_index->tables();
    for (const auto& case_id : changed) {
        auto found = TRY(m_store.find_case(case_id));
        std::optional<matching::PreparedPerson> child;
        if (found)
            child = prepared_child(*found, tables);
        if (child)
            upserts.push_back(std::move(*child));
        else
            removals.push_back(case_id.to_string());
    }
    std::unique_lock lock(m_index_mutex);
    for (auto& child : upserts)
        TRY_STATUS(m_index->upsert(std::move(child)));
    for (const auto& id : removals)
        m_index->remove(id);
    return {};
}

Result<std::vector<CaseCandidate>> PersonCandidates::search(const matching::PersonRecord& query,
                                                            std::size_t max, double threshold) {
    std::shared_lock lock(m_index_mutex);
    if (m_index == nullptr)
        return fail(Error::internal("the person index was searched before it was built"));
    auto found = TRY(m_index->candidates(query, max, threshold));
    lock.unlock();
    std::vector<CaseCandidate> out;
    out.reserve(found.size());
    for (auto& candidate : found) {
        auto case_id = Id::parse(candidate.id);
        if (!case_id)
            return fail(Error::internal("the person index holds an id that is not a case id"));
        out.push_back(CaseCandidate{*case_id, std::move(candidate.result)});
    }
    return out;
}

std::size_t PersonCandidates::size() const {
    std::shared_lock lock(m_index_mutex);
    return m_index == nullptr ? 0 : m_index->size();
}

}  // namespace retorno
