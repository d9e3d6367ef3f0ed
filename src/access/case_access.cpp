#include "access/case_access.h"

#include <algorithm>

#include <boost/json.hpp>

namespace retorno::access {

namespace json = boost::json;

namespace {

Error role_sees_no_cases() {
    return Error::make(ErrorCode::Forbidden,
                       "Your role does not work on cases; it sees no case content.");
}

std::set<Category> present_and_visible(const Case& c, const Visibility& v) {
    std::set<Category> out;
    for (auto category : categories_in_case(case_to_json(c))) {
        if (v.categories.contains(category))
            out.insert(category);
    }
    return out;
}

}  // namespace

Status CaseAccess::audit(const Actor& actor, const char* action, const std::string& case_id,
                         const std::set<Category>& categories, const std::string& reason) {
    return m_audit.record(audit::Record{actor.user_id, actor.institution_id, actor.address, action,
                                        case_id, join_categories(categories), reason});
}

Result<Seen<Case>> CaseAccess::open_case(const OpenCaseRequest& request, const Actor& actor) {
    if (!sees_case_content(actor.roles))
        return fail(role_sees_no_cases());
    auto opened = TRY(m_cases.open_case(request, actor));
    Visibility visibility{categories_of(actor.roles), std::string(kBasisOpened)};
    TRY_STATUS(audit(actor, "write", opened.id.to_string(),
                     categories_in_case(case_to_json(opened)), "open case"));
    return Seen<Case>{std::move(opened), std::move(visibility)};
}

Result<Seen<Case>> CaseAccess::require_party(const Id& case_id, const Actor& actor,
                                             const char* reason) {
    // A refusal answers exactly like a missing case, and leaves an audit entry with the truth:
    // someone asking for cases of other institutions, or guessing ids, shows in the trail.
    auto found = m_cases.get_case(case_id);
    if (!found) {
        if (found.error().code == ErrorCode::NotFound) {
            TRY_STATUS(audit(actor, "access_refused", case_id.to_string(), {},
                             std::string(reason) + ": no such case"));
            return fail(case_not_found());
        }
        return fail(found.error());
    }
    auto visibility = TRY(m_policy.visibility(actor, *found));
    if (!visibility) {
        TRY_STATUS(audit(actor, "access_refused", case_id.to_string(), {},
                         std::string(reason) + ": not a party"));
        return fail(case_not_found());
    }
    return Seen<Case>{std::move(*found), std::move(*visibility)};
}

Result<Seen<Case>> CaseAccess::get_case(const Id& case_id, const Actor& actor) {
    auto seen = TRY(require_party(case_id, actor, "read case"));
    TRY_STATUS(audit(actor, "read", case_id.to_string(),
                     present_and_visible(seen.value, seen.visibility), seen.visibility.basis));
    return seen;
}

Result<SeenPage> CaseAccess::list_cases(const CaseFilter& filter, const Actor& actor) {
    if (!sees_case_content(actor.roles))
        return fail(role_sees_no_cases());
    // The store answers only the cases the actor's institution may be a party to, so that an
    // institution party to few of many cases does not read them all; the policy decides each.
    // An institution that the protocol names in a late step (a foreign ministry, a migration
    // service) is offered every case of its side and country, of which it may see few: a page
    // then stops after kMostPagesExamined of the store's pages, short or even empty, with `next`
    // to go on, rather than reading a whole country's cases in one request.
    SeenPage out;
    CaseFilter page_filter = filter;
    page_filter.party = m_policy.candidates(actor);
    CasePolicy::Batch policy(m_policy, actor);
    int examined = 0;
    while (true) {
        auto page = TRY(m_cases.list_cases(page_filter));
        for (auto& c : page.cases) {
            if (static_cast<int>(out.cases.size()) == filter.limit) {
                out.next = out.cases.back().value.id.to_string();
                break;
            }
            auto visibility = TRY(policy.of(c));
            if (!visibility)
                continue;
            out.cases.push_back(Seen<Case>{std::move(c), *visibility});
        }
        if (!out.next.empty() || page.next.empty())
            break;
        if (++examined == kMostPagesExamined) {
            out.next = page.next;
            break;
        }
        page_filter.after = page.next;
    }
    // One audit entry per case listed, committed together.
    std::vector<audit::Record> reads;
    reads.reserve(out.cases.size());
    for (const auto& seen : out.cases) {
        reads.push_back(audit::Record{
            actor.user_id, actor.institution_id, actor.address, "read", seen.value.id.to_string(),
            join_categories(present_and_visible(seen.value, seen.visibility)), "list cases"});
    }
    TRY_STATUS(m_audit.record_all(reads));
    return out;
}

Result<Seen<RecordedEvent>> CaseAccess::record_event(const Id& case_id,
                                                     std::int64_t expected_version,
                                                     const RecordEventRequest& request,
                                                     const Actor& actor) {
    auto seen = TRY(require_party(case_id, actor, "record event"));
    auto recorded = TRY(m_cases.record_event(case_id, expected_version, request, actor));
    // The categories written are those of the event's data, classified as for reading.
    Visibility nothing{{}, ""};
    json::object as_event{{"data", request.data}};
    std::set<Category> touched;
    for (auto category : all_categories()) {
        Visibility one{{category}, ""};
        if (json::serialize(redact_event(as_event, one)) !=
            json::serialize(redact_event(as_event, nothing))) {
            touched.insert(category);
        }
    }
    TRY_STATUS(audit(actor, "write", case_id.to_string(), touched,
                     std::string("record ") + std::string(to_string(request.kind))));
    return Seen<RecordedEvent>{std::move(recorded), std::move(seen.visibility)};
}

Result<Seen<std::vector<Event>>> CaseAccess::case_events(const Id& case_id,
                                                         std::int64_t after_version, int limit,
                                                         const Actor& actor) {
    auto seen = TRY(require_party(case_id, actor, "read events"));
    auto events = TRY(m_cases.case_events(case_id, after_version, limit));
    TRY_STATUS(audit(actor, "read", case_id.to_string(), seen.visibility.categories,
                     "read events: " + seen.visibility.basis));
    return Seen<std::vector<Event>>{std::move(events), std::move(seen.visibility)};
}

Result<Seen<CaseHistory>> CaseAccess::read_history(const Id& case_id, const Actor& actor,
                                                   const std::string& reason) {
    auto seen = TRY(require_party(case_id, actor, "read history"));
    // Every event of the case, however long its history.
    auto events = TRY(m_cases.case_events(case_id, 0, 1'000'000));
    TRY_STATUS(audit(actor, "read", case_id.to_string(), seen.visibility.categories,
                     reason + ": " + seen.visibility.basis));
    return Seen<CaseHistory>{CaseHistory{std::move(seen.value), std::move(events)},
                             std::move(seen.visibility)};
}

Result<CaseShare> CaseAccess::share_case(const Id& case_id, const ShareRequest& request,
                                         const Actor& actor) {
    auto seen = TRY(require_party(case_id, actor, "share case"));
    if (!CasePolicy::may_share(actor, seen.visibility)) {
        return fail(Error::make(ErrorCode::Forbidden,
                                "Only a caseworker, legal officer or supervisor of an institution "
                                "that is a party to the case in its own right (not through a "
                                "share or an escalated task) may share it."));
    }
    auto recipient = TRY(m_store.find_institution(request.institution_id));
    if (!recipient)
        return fail(Error::invalid("/institution_id", "No institution has that id."));
    if (auto refusal = CasePolicy::share_refusal(parties_of(seen.value), *recipient))
        return fail(std::move(*refusal));
    CaseShare share;
    share.id = Id::generate(m_clock.now());
    share.case_id = case_id;
    share.institution_id = request.institution_id;
    share.purpose = request.purpose;
    share.legal_basis = request.legal_basis;
    share.categories = request.categories;
    share.shared_by_user = actor.user_id;
    share.shared_by_institution = actor.institution_id;
    share.shared_at = m_clock.now();
    TRY_STATUS(m_store.put_case_share(share));
    std::set<Category> categories;
    for (const auto& name : share.categories)
        categories.insert(*parse_category(name));
    TRY_STATUS(audit(actor, "share", case_id.to_string(), categories,
                     "shared with " + share.institution_id.to_string() + " for " + share.purpose +
                         " under " + share.legal_basis));
    return share;
}

Result<ShareRequest> share_request_from_json(const json::object& body) {
    ShareRequest out;
    auto check_text = [&](const char* key, std::string& into) -> Status {
        auto* value = body.if_contains(key);
        if (value == nullptr || !value->is_string() || value->get_string().empty()) {
            return fail(
                Error::invalid(std::string("/") + key,
                               std::string("'") + key + "' is required: a non-empty text."));
        }
        if (value->get_string().size() > 1000) {
            return fail(Error::invalid(std::string("/") + key,
                                       std::string("'") + key + "' may have at most 1000 bytes."));
        }
        into = std::string(value->get_string());
        return {};
    };
    for (const auto& [key, value] : body) {
        (void)value;
        if (key != "institution_id" && key != "purpose" && key != "legal_basis" &&
            key != "categories") {
            return fail(Error{ErrorCode::UnknownField,
                              "'" + std::string(key) + "' is not a field of a share.",
                              {},
                              "/" + std::string(key)});
        }
    }
    std::string institution;
    TRY_STATUS(check_text("institution_id", institution));
    auto id = Id::parse(institution);
    if (!id)
        return fail(
            Error::invalid("/institution_id", "'institution_id' must be an institution's id."));
    out.institution_id = *id;
    TRY_STATUS(check_text("purpose", out.purpose));
    TRY_STATUS(check_text("legal_basis", out.legal_basis));
    auto* categories = body.if_contains("categories");
    if (categories == nullptr || !categories->is_array() || categories->get_array().empty()) {
        return fail(Error::invalid("/categories",
                                   "'categories' is required: a list of sensitivity categories."));
    }
    std::size_t index = 0;
    for (const auto& item : categories->get_array()) {
        if (!item.is_string() || !parse_category(item.get_string())) {
            return fail(Error::invalid(
                "/categories/" + std::to_string(index),
                "Each category must be one of: identity, whereabouts, health, exploitation, "
                "protection, legal."));
        }
        std::string name(item.get_string());
        if (std::find(out.categories.begin(), out.categories.end(), name) == out.categories.end()) {
            out.categories.push_back(name);
        }
        ++index;
    }
    return out;
}

json::object share_to_json(const CaseShare& share) {
    json::array categories;
    for (const auto& c : share.categories)
        categories.emplace_back(c);
    return json::object{{"id", share.id.to_string()},
                        {"case_id", share.case_id.to_string()},
                        {"institution_id", share.institution_id.to_string()},
                        {"purpose", share.purpose},
                        {"legal_basis", share.legal_basis},
                        {"categories", std::move(categories)},
                        {"shared_by_user", share.shared_by_user},
                        {"shared_by_institution", share.shared_by_institution},
                        {"shared_at", format_timestamp(share.shared_at)}};
}

}  // namespace retorno::access
