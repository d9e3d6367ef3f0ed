#include "access/person_search.h"

#include <vector>

namespace retorno::access {

namespace {

// How many ranked candidates are looked at, at most, to fill a page with cases the actor may
// see. The index scores every candidate it blocks together anyway; this bounds the store reads.
constexpr std::size_t kCandidatesExamined = 200;

}  // namespace

Result<std::vector<Seen<PersonMatch>>> PersonSearch::find(const PersonQuery& query,
                                                          const Actor& actor) {
    if (!sees_case_content(actor.roles)) {
        return fail(Error::make(ErrorCode::Forbidden,
                                "Your role does not work on cases; it sees no case content."));
    }
    auto record = TRY(person_record_of_query(query, date_of(m_clock.now())));
    TRY_STATUS(m_candidates.refresh());
    auto ranked = TRY(m_candidates.search(record, kCandidatesExamined));
    std::vector<Seen<PersonMatch>> out;
    for (auto& candidate : ranked) {
        if (out.size() == static_cast<std::size_t>(query.limit))
            break;
        auto found = TRY(m_store.find_case(candidate.case_id));
        if (!found)
            continue;
        auto visibility = TRY(m_policy.visibility(actor, *found));
        if (!visibility || !CasePolicy::may_match_identity(*visibility))
            continue;
        out.push_back(Seen<PersonMatch>{PersonMatch{std::move(*found), candidate.result},
                                        std::move(*visibility)});
    }
    // One audit entry per candidate shown, committed together.
    std::vector<audit::Record> reads;
    reads.reserve(out.size());
    for (const auto& seen : out) {
        reads.push_back(audit::Record{actor.user_id, actor.institution_id, actor.address, "read",
                                      seen.value.found.id.to_string(),
                                      join_categories({Category::Identity}),
                                      "person candidates: " + seen.visibility.basis});
    }
    TRY_STATUS(m_audit.record_all(reads));
    return out;
}

}  // namespace retorno::access
