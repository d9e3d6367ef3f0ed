#include "service/demo_data.h"

#include <algorithm>

#include <fmt/format.h>

#include "crypto/password.h"
#include "synthetic/generator.h"
#include "synthetic/institutions.h"

namespace retorno {

namespace {

struct DemoUserSpec {
    const char* username;
    Role role;
    const char* country;
    const char* type;
    const char* name_hint;  // part of the institution's name, or empty
};

// One user per role, placed where that role works in a return from Mexico to Guatemala (with
// the foreign ministry that notifies Guatemala, the migration service that receives the child,
// and Mexico's national committee, to which the late tasks of Mexico's side are escalated),
// plus caseworkers in the other countries so that every country's inbox has someone to look
// at it.
constexpr DemoUserSpec kUsers[] = {
    {"mx.trabajo.social", Role::Caseworker, "MX", "ChildProtectionAuthority", ""},
    {"mx.psicologia", Role::Psychologist, "MX", "ChildProtectionAuthority", ""},
    {"mx.juridico", Role::LegalOfficer, "MX", "ChildProtectionAuthority", ""},
    {"mx.supervision", Role::Supervisor, "MX", "ChildProtectionAuthority", ""},
    {"mx.cancilleria", Role::Caseworker, "MX", "ForeignMinistry", ""},
    {"mx.comision", Role::Caseworker, "MX", "CentralGovernmentOrganisation", ""},
    {"gt.consulado.mx", Role::ConsularOfficer, "GT", "Consulate", "xico"},
    {"gt.migracion", Role::Caseworker, "GT", "ImmigrationService", ""},
    {"gt.trabajo.social", Role::Caseworker, "GT", "ChildProtectionAuthority", ""},
    {"gt.estadistica", Role::StatisticsCoordinator, "GT", "CentralGovernmentOrganisation", ""},
    {"sv.trabajo.social", Role::Caseworker, "SV", "ChildProtectionAuthority", ""},
    {"hn.trabajo.social", Role::Caseworker, "HN", "ChildProtectionAuthority", ""},
    {"admin", Role::Administrator, "MX", "ChildProtectionAuthority", ""},
};

const Institution* pick(const std::vector<Institution>& all, std::string_view country,
                        std::string_view type, std::string_view hint) {
    const Institution* fallback = nullptr;
    for (const auto& institution : all) {
        if (institution.country != country)
            continue;
        if (fallback == nullptr)
            fallback = &institution;
        if (institution.type != type)
            continue;
        if (hint.empty() || institution.name.find(hint) != std::string::npos)
            return &institution;
    }
    return fallback;
}

// How many days before the data is made the demo opened the `nth` case of a child found in
// Mexico (from 0), where the demo's users mostly work: every third of the first 36 3 to 10 days
// before, the rest now, like every case found elsewhere. The older ones have late tasks at the
// first start, which the server escalates to the institutions that supervise their steps
// (Mexico's committee, the demo's `mx.comision`), so that the demo shows deadlines passed and
// escalations from its first day. Twelve cases at most: a benchmark's 100,000 cases are not a
// backlog of escalations.
int days_since_opened_in_mexico(int nth) {
    constexpr int kEvery = 3;
    constexpr int kOlderCases = 12;
    if (nth % kEvery != 0 || nth / kEvery >= kOlderCases)
        return 0;
    return 3 + (nth / kEvery) % 8;
}

}  // namespace

Result<std::vector<DemoLogin>> seed_demo_data(Store& store, CaseService& cases, int case_count,
                                              std::uint64_t seed) {
    auto institutions = synthetic::demo_institutions(seed);
    // Parents first, so that the reference to a parent always finds it.
    std::stable_sort(institutions.begin(), institutions.end(),
                     [](const Institution& a, const Institution& b) {
                         return !a.parent.has_value() && b.parent.has_value();
                     });
    for (const auto& institution : institutions)
        TRY_STATUS(store.put_institution(institution));

    std::vector<DemoLogin> logins;
    auto password_hash = TRY(hash_password(kDemoPassword));
    for (const auto& spec : kUsers) {
        const auto* institution = pick(institutions, spec.country, spec.type, spec.name_hint);
        if (institution == nullptr) {
            return fail(Error::internal(fmt::format("no demo institution in {}", spec.country)));
        }
        User user;
        user.id = Id::generate();
        user.username = spec.username;
        user.display_name = spec.username;
        user.institution_id = institution->id;
        user.roles = {spec.role};
        user.password_hash = password_hash;
        TRY_STATUS(store.put_user(user));
        logins.push_back(
            DemoLogin{user.username, std::string(to_string(spec.role)), institution->name});
    }

    synthetic::Generator generator(seed);
    int found_in_mexico = 0;
    for (int i = 0; i < case_count; ++i) {
        auto synthetic_case = generator.next_case();
        OpenCaseRequest request;
        request.person = synthetic_case.person;
        request.victim = synthetic_case.victim;
        request.origin_country = synthetic_case.origin_country;
        request.destination_country = synthetic_case.destination_country;
        Actor actor;
        actor.user_id = "demo-seed";
        if (const auto* opener =
                pick(institutions, request.destination_country, "ChildProtectionAuthority", "")) {
            actor.institution_id = opener->id.to_string();
        }
        const int days = request.destination_country == "MX"
                             ? days_since_opened_in_mexico(found_in_mexico++)
                             : 0;
        if (days > 0) {
            PastClock then(cases.clock(), days);
            CaseService opened_then(store, then, cases.protocols());
            TRY(opened_then.open_case(request, actor));
        } else {
            TRY(cases.open_case(request, actor));
        }
    }
    return logins;
}

Result<std::vector<DemoLogin>> existing_demo_logins(Store& store) {
    auto users = TRY(store.list_users());
    auto institutions = TRY(store.list_institutions());
    std::vector<DemoLogin> logins;
    for (const auto& spec : kUsers) {
        auto user = std::find_if(users.begin(), users.end(),
                                 [&](const User& u) { return u.username == spec.username; });
        if (user == users.end() || user->disabled ||
            verify_password(user->password_hash, kDemoPassword) != PasswordMatch::Yes) {
            continue;
        }
        auto institution =
            std::find_if(institutions.begin(), institutions.end(),
                         [&](const Institution& i) { return i.id == user->institution_id; });
        logins.push_back(DemoLogin{user->username, std::string(to_string(spec.role)),
                                   institution == institutions.end() ? "" : institution->name});
    }
    return logins;
}

}  // namespace retorno
