#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "access/categories.h"
#include "access/escalation_routes.h"
#include "core/error.h"
#include "domain/case.h"
#include "domain/open_task.h"
#include "protocol/acting_institutions.h"
#include "protocol/supervising_institutions.h"
#include "service/actor.h"
#include "service/case_service.h"
#include "store/store.h"

namespace retorno::access {

// The one place that decides whether an actor may see a case, and what of it. An institution
// is a party to a case when it opened it, when the protocol gives it a task in it, or when the
// case was shared with it. Anyone else must not learn that the case exists.
class CasePolicy {
  public:
    // The protocol states of cases come from `cases` (the definitions they are pinned to).
    CasePolicy(Store& store, CaseService& cases) : m_store(store), m_cases(cases) {}

    // What the actor may see of the case, or nullopt when it may not see the case at all.
    Result<std::optional<Visibility>> visibility(const Actor& actor, const Case& c);

    // The cases a store should list for the actor, all of which the policy then decides one by
    // one: those party_filter names, and on every side where the loaded protocols name the
    // actor's institution type in some step as its actor (a foreign ministry, the police, a
    // court) or its supervisor (a national committee), every case of its country on that side,
    // for the policy to ask each one's protocol state.
    PartyFilter candidates(const Actor& actor) const;

    // Whether the actor may share a case it sees: its institution is a party in its own right
    // (not only through a share, nor only as the supervisor of a late step) and one of its roles
    // may decide that.
    static bool may_share(const Actor& actor, const Visibility& visibility);
    // Why the case may not be shared with `to`, if it may not: a share with a public authority
    // of the child's country of origin (its consulate, ministries, police, courts, child
    // protection...) before that country has been notified would be the very contact that the
    // protection screening must first clear (the asylum-hold and screening-first guards of
    // protocol/guards.h). A 409 with the rule "origin-not-notified". Shares with others (a
    // shelter, an NGO, an institution of the destination) are not limited by it.
    static std::optional<Error> share_refusal(const CaseParties& parties, const Institution& to);

    // Whether a case the actor sees may be proposed to it as a match for a person it searches
    // for: only when it may see the child's identity (a share without the identity category
    // does not let its recipient find the case by name).
    static bool may_match_identity(const Visibility& visibility);

    // Decides many cases for one actor, as visibility() does, for a page that lists thousands
    // of tasks: the categories of the actor's roles are worked out once, and every case seen
    // because the institution opened it, because the protocol gives it a task there, or because
    // an overdue task is escalated to it, shares one Visibility. Only a case seen through shares
    // gets its own.
    class Batch {
      public:
        Batch(CasePolicy& policy, const Actor& actor);
        // Null when the actor may not see the case.
        Result<std::shared_ptr<const Visibility>> of(const Case& c);
        // The same for a case listed for one of its open tasks (an inbox), without reading its
        // document: a task of the actor's institution type in the actor's country is a task the
        // protocol gives the institution; an overdue one that it supervises is escalated to it.
        Result<std::shared_ptr<const Visibility>> of(const Id& case_id, const CaseParties& parties,
                                                     const protocol::Task& task);
        // Whether `task` is overdue and escalated to the actor's institution: the step's
        // supervisor is its type on the side of its country (protocol::supervising_institution,
        // gives_task), and the directory routes the task's institution type to it
        // (EscalationRoutes, read from the store once a case needs it).
        Result<bool> escalated_to_actor(const CaseParties& parties, const protocol::Task& task);

      private:
        // How the case's protocol state gives the actor's institution a task, if it does: a step
        // it acts in, or an overdue task escalated to it (escalated_to_actor).
        enum class TaskBasis { None, Acts, Supervises };
        // `protocol_gives_task` answers it when the parties alone do not decide; it is asked only
        // on a side where the loaded protocols name the institution's type.
        Result<std::shared_ptr<const Visibility>> decide(
            const Id& case_id, const CaseParties& parties,
            const std::function<Result<TaskBasis>()>& protocol_gives_task);

        CasePolicy& m_policy;
        const Actor& m_actor;
        PartyFilter m_parties;  // the actor's, made once for every case of the batch
        // The actor's candidates (CasePolicy::candidates), once a case needs them.
        std::optional<PartyFilter> m_candidates;
        // The directory's escalation routes to the actor's institution, once a case needs them.
        std::optional<EscalationRoutes> m_routes;
        bool m_sees_cases;
        std::shared_ptr<const Visibility> m_opened;
        std::shared_ptr<const Visibility> m_protocol_task;
        std::shared_ptr<const Visibility> m_escalated_task;
        // The cases decided by their shares, since a case comes once per task.
        std::unordered_map<Id, std::shared_ptr<const Visibility>> m_by_shares;
    };

  private:
    // What the shares of the case with the actor's institution let it see, if any.
    Result<std::optional<Visibility>> shared(const Actor& actor, const Id& case_id,
                                             const std::set<Category>& roles);

    Store& m_store;
    CaseService& m_cases;
};

// Whether the protocol state gives the actor's institution a task in the case: whether it is
// one of `acting`, the institutions that protocol::acting_institutions (a step naming its type,
// on the side of its country, whose turn has come or that was done) or
// protocol::supervising_institution (the supervisor of an overdue task, which
// Batch::escalated_to_actor narrows by the directory) names. A task of the
// origin's side counts only once the origin has been notified (CaseParties::origin_notified),
// whatever a definition says.
bool gives_task(const Actor& actor, const CaseParties& parties,
                const std::vector<protocol::ActingInstitution>& acting);

// The parties that the protocol makes of the two institutions that carry a case on each side,
// decided from the parties alone: the child-protection authority of the destination country
// from the opening; the consulate of the origin country (which acts in the destination country)
// and its child-protection authority once the origin has been notified
// (CaseParties::origin_notified), which the asylum-hold and screening-first guards allow only
// for a child who is known not to need international protection. Every other institution the
// protocol names (the police who identified the child, the foreign ministry that notifies the
// origin, the origin's migration service that receives her, a court of a country variant) is a
// party while its own task is open and once it is done (gives_task, from the case's state).
bool has_protocol_task(const Actor& actor, const CaseParties& parties);
// The same for the actor whose party_filter this is (made once for many cases); with its
// CasePolicy::candidates instead, whether the case is on a side where it may have a task at all.
bool has_protocol_task(const PartyFilter& filter, const CaseParties& parties);

// The cases that the actor's institution is a party to without asking a case's protocol state:
// the ones it opened or that were shared with it, and the ones where has_protocol_task holds
// (which is defined by this filter). CasePolicy::candidates widens it for a store's list.
PartyFilter party_filter(const Actor& actor);

// The answer for a case the actor may not see: the same as for a case that does not exist.
Error case_not_found();

}  // namespace retorno::access
