#include "access/case_policy.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace retorno::access {

Error case_not_found() {
    return Error::make(ErrorCode::NotFound, "No case with that id exists, or you may not see it.");
}

PartyFilter party_filter(const Actor& actor) {
    // The country of origin acts only once it has been notified: before the protection
    // screening, and while a child may need asylum, its consulate and its authorities must not
    // learn where she is.
    PartyFilter filter{actor.institution_id, "", ""};
    if (actor.institution_type == "ChildProtectionAuthority") {
        filter.destination_country = actor.institution_country;
        filter.notified_origin_country = actor.institution_country;
    }
    if (actor.institution_type == "Consulate")
        filter.notified_origin_country = actor.institution_country;
    return filter;
}

bool has_protocol_task(const Actor& actor, const CaseParties& parties) {
    return has_protocol_task(party_filter(actor), parties);
}

bool has_protocol_task(const PartyFilter& filter, const CaseParties& parties) {
    const bool bound_here = !filter.destination_country.empty() &&
                            parties.destination_country == filter.destination_country;
    const bool from_here_notified = !filter.notified_origin_country.empty() &&
                                    parties.origin_notified &&
                                    parties.origin_country == filter.notified_origin_country;
    return bound_here || from_here_notified;
}

bool gives_task(const Actor& actor, const CaseParties& parties,
                const std::vector<protocol::ActingInstitution>& acting) {
    return std::any_of(acting.begin(), acting.end(), [&](const auto& institution) {
        return institution.institution_type == actor.institution_type &&
               institution.country == actor.institution_country &&
               (institution.side == protocol::Side::Dest || parties.origin_notified);
    });
}

PartyFilter CasePolicy::candidates(const Actor& actor) const {
    auto filter = party_filter(actor);
    const auto& protocols = m_cases.protocols();
    auto sides = protocols.acting_sides(actor.institution_type);
    sides.merge(protocols.supervising_sides(actor.institution_type));
    for (auto side : sides) {
        if (side == protocol::Side::Dest)
            filter.destination_country = actor.institution_country;
        else
            filter.notified_origin_country = actor.institution_country;
    }
    return filter;
}

Result<std::optional<Visibility>> CasePolicy::visibility(const Actor& actor, const Case& c) {
    // One decision for one case or for a page of thousands (Batch::of).
    auto seen = TRY(Batch(*this, actor).of(c));
    if (!seen)
        return std::optional<Visibility>{};
    return std::optional<Visibility>{*seen};
}

Result<std::optional<Visibility>> CasePolicy::shared(const Actor& actor, const Id& case_id,
                                                     const std::set<Category>& roles) {
    // Several shares with one institution add up; each is limited to what the role may see.
    std::optional<Visibility> seen;
    for (const auto& share : TRY(m_store.case_shares(case_id))) {
        if (share.institution_id.to_string() != actor.institution_id)
            continue;
        if (!seen)
            seen = Visibility{{}, std::string(kBasisSharedPrefix) + share.purpose};
        for (const auto& name : share.categories) {
            if (auto category = parse_category(name); category && roles.contains(*category)) {
                seen->categories.insert(*category);
            }
        }
    }
    return seen;
}

CasePolicy::Batch::Batch(CasePolicy& policy, const Actor& actor)
    : m_policy(policy),
      m_actor(actor),
      m_parties(party_filter(actor)),
      m_sees_cases(sees_case_content(actor.roles) && !actor.institution_id.empty()) {
    if (!m_sees_cases)
        return;
    auto roles = categories_of(actor.roles);
    m_opened = std::make_shared<const Visibility>(Visibility{roles, std::string(kBasisOpened)});
    m_protocol_task =
        std::make_shared<const Visibility>(Visibility{roles, std::string(kBasisProtocolTask)});
    m_escalated_task =
        std::make_shared<const Visibility>(Visibility{roles, std::string(kBasisEscalatedTask)});
}

Result<std::shared_ptr<const Visibility>> CasePolicy::Batch::of(const Case& c) {
    const auto parties = parties_of(c);
    return decide(c.id, parties, [&]() -> Result<TaskBasis> {
        // A case pinned to a definition that is not loaded gives nobody a task (its opener's
        // state page reports the missing file): such a case must not fail a whole list.
        if (m_policy.m_cases.protocols().find(c.protocol_id, c.protocol_version) == nullptr)
            return TaskBasis::None;
        auto state = TRY(m_policy.m_cases.state_of(c));
        if (gives_task(m_actor, parties, protocol::acting_institutions(state)))
            return TaskBasis::Acts;
        for (const auto& task : state.tasks) {
            if (TRY(escalated_to_actor(parties, task)))
                return TaskBasis::Supervises;
        }
        return TaskBasis::None;
    });
}

Result<std::shared_ptr<const Visibility>> CasePolicy::Batch::of(const Id& case_id,
                                                                const CaseParties& parties,
                                                                const protocol::Task& task) {
    return decide(case_id, parties, [&]() -> Result<TaskBasis> {
        if (gives_task(
                m_actor, parties,
                {protocol::ActingInstitution{task.institution_type, task.side, task.country}})) {
            return TaskBasis::Acts;
        }
        if (TRY(escalated_to_actor(parties, task)))
            return TaskBasis::Supervises;
        return TaskBasis::None;
    });
}

Result<bool> CasePolicy::Batch::escalated_to_actor(const CaseParties& parties,
                                                   const protocol::Task& task) {
    auto supervising = protocol::supervising_institution(task);
    if (!supervising || !gives_task(m_actor, parties, {*supervising}))
        return false;
    if (!m_routes) {
        const auto directory = TRY(m_policy.m_store.list_institutions());
        m_routes.emplace(directory, m_actor.institution_id);
    }
    return m_routes->reaches(task.institution_type);
}

Result<std::shared_ptr<const Visibility>> CasePolicy::Batch::decide(
    const Id& case_id, const CaseParties& parties,
    const std::function<Result<TaskBasis>()>& protocol_gives_task) {
    if (!m_sees_cases)
        return std::shared_ptr<const Visibility>{};
    if (parties.opened_by_institution == m_actor.institution_id)
        return m_opened;
    if (has_protocol_task(m_parties, parties))
        return m_protocol_task;
    // Reading the protocol state costs the case's events: only on a side of the case where the
    // loaded protocols name the institution's type at all (the list's candidates).
    if (!m_candidates)
        m_candidates = m_policy.candidates(m_actor);
    if (has_protocol_task(*m_candidates, parties)) {
        switch (TRY(protocol_gives_task())) {
            case TaskBasis::Acts:
                return m_protocol_task;
            case TaskBasis::Supervises:
                return m_escalated_task;
            case TaskBasis::None:
                break;
        }
    }
    auto [known, first] = m_by_shares.try_emplace(case_id);
    if (first) {
        if (auto seen = TRY(m_policy.shared(m_actor, case_id, m_opened->categories)))
            known->second = std::make_shared<const Visibility>(std::move(*seen));
    }
    return known->second;
}

bool CasePolicy::may_share(const Actor& actor, const Visibility& visibility) {
    // A recipient does not pass a case on; nor does the supervisor of a late step, whose task
    // is to see the step done, not to bring other institutions into the child's file.
    if (visibility.basis.starts_with(kBasisSharedPrefix) || visibility.basis == kBasisEscalatedTask)
        return false;
    for (auto role : actor.roles) {
        if (role == Role::Caseworker || role == Role::Supervisor || role == Role::LegalOfficer) {
            return true;
        }
    }
    return false;
}

std::optional<Error> CasePolicy::share_refusal(const CaseParties& parties, const Institution& to) {
    static constexpr std::array<std::string_view, 9> kPublicAuthorities{
        "Consulate",
        "ForeignMinistry",
        "ChildProtectionAuthority",
        "LawEnforcement",
        "Prosecutor",
        "Court",
        "ImmigrationService",
        "CentralGovernmentOrganisation",
        "LocalGovernmentOrganisation"};
    const bool of_origin = to.country == parties.origin_country &&
                           parties.origin_country != parties.destination_country;
    const bool authority = std::find(kPublicAuthorities.begin(), kPublicAuthorities.end(),
                                     to.type) != kPublicAuthorities.end();
    if (!of_origin || !authority || parties.origin_notified)
        return std::nullopt;
    Error refusal;
    refusal.code = ErrorCode::RuleViolation;
    refusal.field = "origin-not-notified";
    refusal.message =
        "The child's country of origin has not been notified: until the protection screening "
        "rules out a need of international protection and the consular notification is "
        "recorded, the case may not be shared with an authority of " +
        parties.origin_country + ".";
    refusal.detail =
        "El país de origen de la niña, niño o adolescente aún no ha sido notificado: hasta que "
        "el tamizaje descarte una necesidad de protección internacional y se registre la "
        "notificación consular, el caso no puede compartirse con una autoridad de " +
        parties.origin_country + ".";
    return refusal;
}

bool CasePolicy::may_match_identity(const Visibility& visibility) {
    return visibility.categories.contains(Category::Identity);
}

}  // namespace retorno::access
