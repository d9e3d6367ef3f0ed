// The contract of store/store.h, run on every backend: whatever passes here on SQLite must pass
// on PostgreSQL, so that nothing above store/ can tell them apart.

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <thread>

#include <boost/json.hpp>

#include "store/store_backends.h"

namespace retorno::testing {
namespace {

class StoreContract : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Sqlite) {
            auto opened = SqliteStore::open(m_dir.path() / "retorno.db");
            ASSERT_TRUE(opened) << opened.error().message << " / " << opened.error().detail;
            m_store = std::move(*opened);
            return;
        }
        RETORNO_REQUIRE_POSTGRES();
        auto server = postgres_test_url();
        m_database = std::make_unique<ThrowawayDatabase>(*server);
        auto opened = PostgresStore::open(m_database->url(), 4);
        ASSERT_TRUE(opened) << opened.error().message << " / " << opened.error().detail;
        m_store = std::move(*opened);
    }

    void TearDown() override {
        // The store's connections close before its database is dropped.
        m_store.reset();
        m_database.reset();
    }

    Store& store() { return *m_store; }

    // Makes the case's row as a store from before migration 10 left it: no parties recorded.
    void forget_parties(const Id& case_id) {
        const auto sql = fmt::format(
            "UPDATE cases SET opened_by_institution = NULL, origin_notified = NULL "
            "WHERE id = '{}'",
            case_id.to_string());
        if (m_database) {
            m_database->execute(sql);
            return;
        }
        auto db =
            sqlite::Connection::open(m_dir.path() / "retorno.db", sqlite::Durability::Full).value();
        ASSERT_TRUE(db->execute(sql));
    }

    // Appends the events that bring a new case to `version`, answering its final state.
    Case open_case(std::int64_t version = 1, const std::string& status = "Active",
                   const std::string& origin = "GT", const std::string& destination = "MX") {
        Id id = Id::generate();
        Case c;
        for (std::int64_t v = 1; v <= version; ++v) {
            c = make_case(id, v, status, origin, destination);
            auto appended = store().append(make_event(c), c);
            EXPECT_TRUE(appended) << appended.error().message << " / " << appended.error().detail;
        }
        return c;
    }

    ThrowawayDir m_dir;
    std::unique_ptr<ThrowawayDatabase> m_database;
    std::unique_ptr<Store> m_store;
};

TEST_P(StoreContract, AppendThenFindGivesTheProjectionBack) {
    Case opened = open_case();
    auto found = store().find_case(opened.id);
    ASSERT_TRUE(found) << found.error().message << " / " << found.error().detail << " at "
                       << found.error().field;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ(document_of(**found), document_of(opened));
    EXPECT_EQ(store().count_cases().value(), 1);
    EXPECT_EQ(store().count_events().value(), 1);

    auto missing = store().find_case(Id::generate());
    ASSERT_TRUE(missing);
    EXPECT_FALSE(missing->has_value());
}

TEST_P(StoreContract, EventsComeBackInVersionOrderWithEveryAttribute) {
    Id id = Id::generate();
    std::vector<Event> written;
    for (std::int64_t v = 1; v <= 4; ++v) {
        Case c = make_case(id, v);
        written.push_back(make_event(c));
        ASSERT_TRUE(store().append(written.back(), c));
    }
    auto events = store().case_events(id, 0, 100);
    ASSERT_TRUE(events) << events.error().detail;
    ASSERT_EQ(events->size(), 4u);
    for (std::size_t i = 0; i < written.size(); ++i) {
        const Event& want = written[i];
        const Event& got = (*events)[i];
        EXPECT_EQ(got.id, want.id);
        EXPECT_EQ(got.case_id, want.case_id);
        EXPECT_EQ(got.version, want.version);
        EXPECT_EQ(got.kind, want.kind);
        EXPECT_EQ(got.step, want.step);
        EXPECT_EQ(boost::json::serialize(got.data), boost::json::serialize(want.data));
        EXPECT_EQ(got.actor_user, want.actor_user);
        EXPECT_EQ(got.actor_institution, want.actor_institution);
        EXPECT_EQ(got.recorded_at, want.recorded_at);
        EXPECT_EQ(got.previous_hash, want.previous_hash);
        EXPECT_EQ(got.hash, want.hash);
    }
    auto later = store().case_events(id, 2, 1);
    ASSERT_TRUE(later);
    ASSERT_EQ(later->size(), 1u);
    EXPECT_EQ(later->front().version, 3);
    EXPECT_TRUE(store().case_events(Id::generate(), 0, 100).value().empty());
    EXPECT_EQ(store().find_case(id).value()->version, 4);
}

TEST_P(StoreContract, EventPositionsFollowTheLogAcrossCasesInAppendOrder) {
    EXPECT_TRUE(store().event_positions(0, 100).value().empty());
    Case first = open_case(2);
    Case second = open_case(1);
    Case third_version = make_case(first.id, 3);
    ASSERT_TRUE(store().append(make_event(third_version), third_version));
    auto all = store().event_positions(0, 100);
    ASSERT_TRUE(all) << all.error().detail;
    ASSERT_EQ(all->size(), 4u);
    const std::vector<Id> order{first.id, first.id, second.id, first.id};
    for (std::size_t i = 0; i < all->size(); ++i) {
        EXPECT_EQ((*all)[i].case_id, order[i]) << "position " << i;
        if (i > 0) {
            EXPECT_GT((*all)[i].seq, (*all)[i - 1].seq);
        }
    }
    auto after = store().event_positions((*all)[1].seq, 1);
    ASSERT_TRUE(after);
    ASSERT_EQ(after->size(), 1u);
    EXPECT_EQ(after->front().seq, (*all)[2].seq);
    EXPECT_EQ(after->front().case_id, second.id);
    EXPECT_TRUE(store().event_positions(all->back().seq, 100).value().empty());
    // A refused append takes no position that a follower would see.
    Case stale = make_case(second.id, 1);
    EXPECT_FALSE(store().append(make_event(stale), stale));
    EXPECT_TRUE(store().event_positions(all->back().seq, 100).value().empty());
}

TEST_P(StoreContract, StaleAppendIsAConflictAndChangesNothing) {
    Case current = open_case(2);
    const std::string before = document_of(current);

    struct Attempt {
        const char* what;
        std::int64_t version;
    };
    for (const auto& attempt :
         {Attempt{"stale", 2}, Attempt{"reopening", 1}, Attempt{"skipping ahead", 4}}) {
        Case changed = make_case(current.id, attempt.version, "Closed");
        auto appended = store().append(make_event(changed), changed);
        ASSERT_FALSE(appended) << attempt.what;
        EXPECT_EQ(appended.error().code, ErrorCode::Conflict) << attempt.what;
        EXPECT_FALSE(appended.error().message.empty()) << attempt.what;
    }
    EXPECT_EQ(document_of(*store().find_case(current.id).value()), before);
    EXPECT_EQ(store().count_events().value(), 2);
    EXPECT_EQ(store().case_events(current.id, 0, 100).value().size(), 2u);
}

TEST_P(StoreContract, AppendToAnUnknownCaseBeyondVersionOneCreatesNothing) {
    Case ghost = make_case(Id::generate(), 3);
    auto appended = store().append(make_event(ghost), ghost);
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().code, ErrorCode::Conflict);
    EXPECT_FALSE(store().find_case(ghost.id).value().has_value());
    EXPECT_EQ(store().count_events().value(), 0);
    EXPECT_EQ(store().count_cases().value(), 0);
}

TEST_P(StoreContract, DuplicateEventIdIsRefusedAndNothingIsWritten) {
    Case first = make_case(Id::generate(), 1);
    Event recorded = make_event(first);
    ASSERT_TRUE(store().append(recorded, first));

    // The same event id for the next version of the same case.
    Case next = make_case(first.id, 2);
    Event again = make_event(next);
    again.id = recorded.id;
    auto same_case = store().append(again, next);
    ASSERT_FALSE(same_case);
    EXPECT_EQ(same_case.error().code, ErrorCode::Conflict);
    EXPECT_EQ(store().find_case(first.id).value()->version, 1);

    // The same event id opening another case: the new case must not appear either.
    Case other = make_case(Id::generate(), 1);
    Event reused = make_event(other);
    reused.id = recorded.id;
    auto other_case = store().append(reused, other);
    ASSERT_FALSE(other_case);
    EXPECT_EQ(other_case.error().code, ErrorCode::Conflict);
    EXPECT_FALSE(store().find_case(other.id).value().has_value());
    EXPECT_EQ(store().count_events().value(), 1);
    EXPECT_EQ(store().count_cases().value(), 1);
}

TEST_P(StoreContract, ListFiltersByStatusAndEitherCountryNewestFirstAndPaginates) {
    struct Row {
        const char* status;
        const char* origin;
        const char* destination;
    };
    const std::vector<Row> rows = {
        {"Active", "GT", "MX"}, {"Closed", "SV", "MX"}, {"Active", "HN", "GT"},
        {"Active", "SV", "US"}, {"Closed", "GT", "SV"}, {"Active", "MX", "MX"},
    };
    std::vector<Case> cases;
    for (const auto& row : rows)
        cases.push_back(open_case(1, row.status, row.origin, row.destination));

    auto expected = [&](auto keep) {
        std::vector<Id> ids;
        for (const auto& c : cases) {
            if (keep(c))
                ids.push_back(c.id);
        }
        return newest_first(ids);
    };
    int pages = 0;

    // Six cases in pages of three: exactly two pages, the second one says it is the last.
    EXPECT_EQ(all_pages(store(), CaseFilter{.limit = 3}, &pages),
              expected([](auto&) { return true; }));
    EXPECT_EQ(pages, 2);
    EXPECT_EQ(all_pages(store(), CaseFilter{.limit = 4}, &pages),
              expected([](auto&) { return true; }));
    EXPECT_EQ(pages, 2);
    EXPECT_EQ(all_pages(store(), CaseFilter{.limit = 50}, &pages).size(), 6u);
    EXPECT_EQ(pages, 1);

    EXPECT_EQ(all_pages(store(), CaseFilter{.status = "Closed", .limit = 1}, &pages),
              expected([](const Case& c) { return c.status == "Closed"; }));
    EXPECT_EQ(pages, 2);
    auto in_sv = [](const Case& c) {
        return c.origin_country == "SV" || c.destination_country == "SV";
    };
    EXPECT_EQ(all_pages(store(), CaseFilter{.country = "SV", .limit = 2}, &pages), expected(in_sv));
    EXPECT_EQ(expected(in_sv).size(), 3u);
    auto active_in_gt = [](const Case& c) {
        return c.status == "Active" && (c.origin_country == "GT" || c.destination_country == "GT");
    };
    EXPECT_EQ(
        all_pages(store(), CaseFilter{.status = "Active", .country = "GT", .limit = 1}, &pages),
        expected(active_in_gt));
    EXPECT_EQ(expected(active_in_gt).size(), 2u);
    EXPECT_TRUE(all_pages(store(), CaseFilter{.country = "CR", .limit = 5}, &pages).empty());

    // A listed case is the whole projection, not a summary.
    auto page = store().list_cases(CaseFilter{.status = "Closed", .country = "GT", .limit = 5});
    ASSERT_TRUE(page);
    ASSERT_EQ(page->cases.size(), 1u);
    EXPECT_EQ(document_of(page->cases.front()), document_of(cases[4]));
}

// Appends a case opened by `by`, from `origin` to `destination`, its origin notified or not,
// with its open-tasks head unless `with_head` is false; answers its id.
Id open_case_of(Store& store, const std::string& by, const char* origin, const char* destination,
                bool notified, bool with_head, const char* status = "Active") {
    Case c = make_case(Id::generate(), 1, status, origin, destination);
    c.opened_by_institution = by;
    if (notified)
        c.steps_completed.push_back("consular_notification");
    CaseTasks tasks{1, "fp", parties_of(c), {}};
    auto appended = store.append(make_event(c), c, with_head ? &tasks : nullptr);
    EXPECT_TRUE(appended) << appended.error().detail;
    return c.id;
}

// Shares a case with an institution.
void share_case(Store& store, const Id& case_id, const std::string& with) {
    CaseShare share;
    share.id = Id::generate();
    share.case_id = case_id;
    share.institution_id = *Id::parse(with);
    share.purpose = "family assessment";
    share.legal_basis = "consent of the guardian";
    share.categories = {"identity"};
    share.shared_by_user = "u1";
    share.shared_by_institution = Id::generate().to_string();
    share.shared_at = parse_timestamp("2026-05-01T10:00:00.000Z").value();
    auto put = store.put_case_share(share);
    EXPECT_TRUE(put) << put.error().detail;
}

TEST_P(StoreContract, ListNarrowsToTheCasesAnInstitutionMayBeAPartyTo) {
    const std::string ours = Id::generate().to_string();
    const std::string other = Id::generate().to_string();
    const Id opened_by_us = open_case_of(store(), ours, "GT", "MX", false, true);
    const Id of_another = open_case_of(store(), other, "GT", "MX", false, true);
    const Id shared_with_us = open_case_of(store(), other, "GT", "MX", false, true);
    // An append without tasks still records the case's parties with it.
    const Id ours_without_head = open_case_of(store(), ours, "GT", "MX", false, false);
    open_case_of(store(), other, "GT", "MX", false, false);
    const Id bound_for_cr = open_case_of(store(), other, "GT", "CR", false, true);
    open_case_of(store(), other, "HN", "MX", false, true);  // from HN, not notified yet
    const Id from_hn_notified = open_case_of(store(), other, "HN", "MX", true, true);
    // Ours in every way at once: opened by us, shared with us twice, bound for CR, from HN.
    const Id ours_every_way = open_case_of(store(), ours, "HN", "CR", true, true);
    const Id closed_of_ours = open_case_of(store(), ours, "GT", "MX", false, true, "Closed");

    // Two suspended cases seen only through shares, the newer shared twice: one page of one
    // case must not end the list there.
    const Id suspended_older = open_case_of(store(), other, "GT", "MX", false, true, "Suspended");
    const Id suspended_newer = open_case_of(store(), other, "GT", "MX", false, true, "Suspended");

    share_case(store(), shared_with_us, ours);
    share_case(store(), ours_every_way, ours);
    share_case(store(), ours_every_way, ours);
    share_case(store(), suspended_older, ours);
    share_case(store(), suspended_newer, ours);
    share_case(store(), suspended_newer, ours);
    // A share with another institution admits nobody else.
    share_case(store(), of_another, Id::generate().to_string());

    // Every page size gives the same cases, each once, newest first.
    auto listed = [&](PartyFilter party, std::string country = "", std::string status = "") {
        std::vector<Id> first;
        for (int limit : {1, 2, 3, 50}) {
            int pages = 0;
            auto ids = all_pages(
                store(),
                CaseFilter{.status = status, .country = country, .limit = limit, .party = party},
                &pages);
            if (limit == 1)
                first = ids;
            EXPECT_EQ(ids, first) << "limit " << limit;
        }
        return first;
    };
    const auto own = newest_first({opened_by_us, shared_with_us, ours_without_head, ours_every_way,
                                   closed_of_ours, suspended_older, suspended_newer});
    EXPECT_EQ(listed({ours, "", ""}), own);
    auto with = [&](Id id) {
        auto ids = own;
        ids.push_back(id);
        return newest_first(ids);
    };
    EXPECT_EQ(listed({ours, "CR", ""}), with(bound_for_cr));
    EXPECT_EQ(listed({ours, "", "HN"}), with(from_hn_notified));
    EXPECT_EQ(listed({ours, "", "HN"}, "HN"), newest_first({from_hn_notified, ours_every_way}));
    EXPECT_EQ(listed({ours, "", ""}, "", "Closed"), std::vector<Id>{closed_of_ours});
    // (Ids made in the same millisecond are in random order: newest_first, not the order made.)
    EXPECT_EQ(listed({ours, "", ""}, "", "Suspended"),
              newest_first({suspended_newer, suspended_older}));
    EXPECT_EQ(listed({ours, "", ""}, "CR", "Active"), std::vector<Id>{ours_every_way});
    // An institution that is a party to nothing gets nothing.
    EXPECT_EQ(listed({Id::generate().to_string(), "", ""}), std::vector<Id>{});
    // Without a party filter, every case.
    int pages = 0;
    EXPECT_EQ(all_pages(store(), CaseFilter{.limit = 3}, &pages).size(), 12u);

    // A later append that changes what the list tests moves the case: closed, and its origin
    // notified.
    Case moved = *store().find_case(of_another).value();
    moved.version = 2;
    moved.status = "Closed";
    moved.steps_completed.push_back("consular_notification");
    CaseTasks tasks{2, "fp", parties_of(moved), {}};
    ASSERT_TRUE(store().append(make_event(moved), moved, &tasks));
    EXPECT_EQ(listed({ours, "", "GT"}, "", "Closed"), newest_first({closed_of_ours, of_another}));
    EXPECT_EQ(listed({ours, "", "GT"}, "", "Active"),
              newest_first({opened_by_us, shared_with_us, ours_without_head, ours_every_way}));
    // One that changes nothing the list tests leaves it where it is.
    moved.version = 3;
    tasks.case_version = 3;
    ASSERT_TRUE(store().append(make_event(moved), moved, &tasks));
    EXPECT_EQ(listed({ours, "", "GT"}, "", "Closed"), newest_first({closed_of_ours, of_another}));
}

// A case stored before its parties were recorded with it (a database from before migration
// 10): every institution's list keeps it until its tasks are derived again, which records
// them, and it is stale for that derivation until then.
TEST_P(StoreContract, ACaseWhoseStoredPartiesAreUnknownIsListedForEveryoneUntilTheyAreRecorded) {
    const std::string ours = Id::generate().to_string();
    const std::string other = Id::generate().to_string();
    const Id opened_by_us = open_case_of(store(), ours, "GT", "MX", false, true);
    const Id unknown = open_case_of(store(), other, "GT", "MX", true, true);
    forget_parties(unknown);

    auto listed = [&](const std::string& institution, const std::string& origin) {
        int pages = 0;
        return all_pages(
            store(), CaseFilter{.limit = 1, .party = PartyFilter{institution, "", origin}}, &pages);
    };
    EXPECT_EQ(listed(ours, ""), newest_first({opened_by_us, unknown}));
    EXPECT_EQ(listed(Id::generate().to_string(), ""), std::vector<Id>{unknown});
    EXPECT_EQ(store().cases_with_stale_tasks("fp", "", 10).value(), std::vector<Id>{unknown});

    // Deriving its tasks again records its parties: opened by another, from GT, notified.
    Case found = *store().find_case(unknown).value();
    CaseTasks tasks{found.version, "fp", parties_of(found), {}};
    ASSERT_TRUE(store().replace_case_tasks(unknown, tasks).value());
    EXPECT_EQ(store().cases_with_stale_tasks("fp", "", 10).value(), std::vector<Id>{});
    EXPECT_EQ(listed(ours, ""), std::vector<Id>{opened_by_us});
    EXPECT_EQ(listed(Id::generate().to_string(), "GT"), std::vector<Id>{unknown});
    EXPECT_EQ(listed(other, ""), std::vector<Id>{unknown});
}

TEST_P(StoreContract, InstitutionsRoundTripAndUpdateInPlace) {
    Institution ministry{Id::generate(), "GT", "Ministry", "Secretaría de Prueba", std::nullopt};
    Institution shelter{Id::generate(), "GT", "Shelter", "Albergue de Prueba", ministry.id};
    Institution consulate{Id::generate(), "MX", "Consulate", "Consulado de Prueba", std::nullopt};
    for (const auto& institution : {ministry, shelter, consulate}) {
        auto put = store().put_institution(institution);
        ASSERT_TRUE(put) << put.error().detail;
    }
    auto found = store().find_institution(shelter.id);
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->name, shelter.name);
    EXPECT_EQ((*found)->country, "GT");
    EXPECT_EQ((*found)->type, "Shelter");
    EXPECT_EQ((*found)->parent, ministry.id);
    EXPECT_FALSE(store().find_institution(Id::generate()).value().has_value());

    shelter.name = "Albergue Renombrado";
    ASSERT_TRUE(store().put_institution(shelter));
    auto listed = store().list_institutions();
    ASSERT_TRUE(listed);
    ASSERT_EQ(listed->size(), 3u);
    // Ordered by country, then name.
    EXPECT_EQ((*listed)[0].name, "Albergue Renombrado");
    EXPECT_EQ((*listed)[1].name, "Secretaría de Prueba");
    EXPECT_FALSE((*listed)[1].parent.has_value());
    EXPECT_EQ((*listed)[2].name, "Consulado de Prueba");
}

TEST_P(StoreContract, UsersRoundTripAndUserNamesAreUnique) {
    Institution office{Id::generate(), "SV", "Ministry", "Oficina de Prueba", std::nullopt};
    ASSERT_TRUE(store().put_institution(office));
    User ana{Id::generate(),
             "ana.prueba",
             "Ana Prueba",
             office.id,
             {Role::Caseworker, Role::Supervisor},
             "$argon2id$v=19$synthetic",
             false};
    User luis{Id::generate(), "luis.prueba", "Luis Prueba", office.id, {}, "$argon2id$x", true};
    ASSERT_TRUE(store().put_user(luis));
    auto put = store().put_user(ana);
    ASSERT_TRUE(put) << put.error().detail;

    auto found = store().find_user_by_name("ana.prueba");
    ASSERT_TRUE(found && found->has_value());
    EXPECT_EQ((*found)->id, ana.id);
    EXPECT_EQ((*found)->display_name, "Ana Prueba");
    EXPECT_EQ((*found)->institution_id, office.id);
    EXPECT_EQ((*found)->roles, ana.roles);
    EXPECT_EQ((*found)->password_hash, ana.password_hash);
    EXPECT_FALSE((*found)->disabled);
    EXPECT_FALSE(store().find_user_by_name("nobody").value().has_value());

    auto users = store().list_users();
    ASSERT_TRUE(users);
    ASSERT_EQ(users->size(), 2u);
    EXPECT_EQ((*users)[0].username, "ana.prueba");
    EXPECT_EQ((*users)[1].username, "luis.prueba");
    EXPECT_TRUE((*users)[1].roles.empty());
    EXPECT_TRUE((*users)[1].disabled);

    // Updating a user keeps one row.
    ana.disabled = true;
    ana.roles = {Role::LegalOfficer};
    ASSERT_TRUE(store().put_user(ana));
    EXPECT_EQ(store().find_user_by_name("ana.prueba").value()->roles, ana.roles);
    EXPECT_TRUE(store().find_user_by_name("ana.prueba").value()->disabled);
    EXPECT_EQ(store().list_users().value().size(), 2u);

    User impostor{Id::generate(), "ana.prueba", "Otra", office.id, {}, "$argon2id$y", false};
    auto taken = store().put_user(impostor);
    ASSERT_FALSE(taken);
    EXPECT_EQ(taken.error().code, ErrorCode::Conflict);
    EXPECT_EQ(taken.error().message.find("duplicate"), std::string::npos)
        << "raw database text in a public message: " << taken.error().message;
    EXPECT_EQ(store().list_users().value().size(), 2u);
}

// Migration 4: each user's language, Spanish unless chosen; only es and en.
TEST_P(StoreContract, UsersKeepTheirLanguage) {
    Institution office{Id::generate(), "GT", "Ministry", "Oficina de Prueba", std::nullopt};
    ASSERT_TRUE(store().put_institution(office));
    User ana{Id::generate(),     "ana.idioma",  "Ana", office.id,
             {Role::Caseworker}, "$argon2id$s", false};
    ASSERT_TRUE(store().put_user(ana));
    EXPECT_EQ(store().find_user(ana.id).value()->language, "es");

    ana.language = "en";
    ASSERT_TRUE(store().put_user(ana));
    EXPECT_EQ(store().find_user(ana.id).value()->language, "en");
    EXPECT_EQ(store().find_user_by_name("ana.idioma").value()->language, "en");
    EXPECT_EQ(store().list_users().value().at(0).language, "en");
    // Other changes keep it.
    ana.disabled = true;
    ASSERT_TRUE(store().put_user(ana));
    EXPECT_EQ(store().find_user(ana.id).value()->language, "en");

    ana.language = "fr";
    EXPECT_FALSE(store().put_user(ana));
    EXPECT_EQ(store().find_user(ana.id).value()->language, "en");

    // Setting the language alone changes nothing else of the user.
    ASSERT_TRUE(store().set_user_language(ana.id, "es"));
    auto after = store().find_user(ana.id).value();
    EXPECT_EQ(after->language, "es");
    EXPECT_TRUE(after->disabled);
    EXPECT_EQ(after->password_hash, "$argon2id$s");
    EXPECT_FALSE(store().set_user_language(ana.id, "fr"));
    EXPECT_EQ(store().find_user(ana.id).value()->language, "es");
}

// A disable and a password reset each change one column: whichever comes last, the account
// stays disabled with the new password, and nothing else of the user moves.
TEST_P(StoreContract, DisablingAndSettingAPasswordChangeOnlyTheirOwnColumn) {
    Institution office{Id::generate(), "SV", "Ministry", "Oficina de Prueba", std::nullopt};
    ASSERT_TRUE(store().put_institution(office));
    User luis{Id::generate(),     "luis.cuenta",   "Luis", office.id,
              {Role::Supervisor}, "$argon2id$old", false};
    luis.language = "en";
    ASSERT_TRUE(store().put_user(luis));

    // As a reset that read the user before the disable would write it.
    ASSERT_TRUE(store().disable_user(luis.id));
    ASSERT_TRUE(store().set_user_password(luis.id, "$argon2id$new"));
    auto after = store().find_user(luis.id).value();
    ASSERT_TRUE(after.has_value());
    EXPECT_TRUE(after->disabled);
    EXPECT_EQ(after->password_hash, "$argon2id$new");
    EXPECT_EQ(after->language, "en");
    EXPECT_EQ(after->display_name, "Luis");
    EXPECT_EQ(after->roles, std::vector<Role>{Role::Supervisor});

    // A user that does not exist is not created by either.
    const auto nobody = Id::generate();
    ASSERT_TRUE(store().disable_user(nobody));
    ASSERT_TRUE(store().set_user_password(nobody, "$argon2id$x"));
    EXPECT_FALSE(store().find_user(nobody).value().has_value());
}

// Two writers race to append version N+1 of the same case; the database lets exactly one win,
// whichever gets there first. Repeated so that the writers really overlap on some rounds.
TEST_P(StoreContract, TwoWritersRacingForTheSameVersionExactlyOneWins) {
    constexpr int kRounds = 20;
    for (int round = 0; round < kRounds; ++round) {
        // Even rounds race to open a new case (version 1); odd rounds race for version 3.
        Id id = Id::generate();
        std::int64_t version = 1;
        if (round % 2 == 1) {
            id = open_case(2).id;
            version = 3;
        }
        Case a = make_case(id, version, "Active");
        Case b = make_case(id, version, "Closed");
        Event event_a = make_event(a);
        Event event_b = make_event(b);
        Status result_a;
        Status result_b;
        std::latch start(2);
        std::thread writer_a([&] {
            start.arrive_and_wait();
            result_a = store().append(event_a, a);
        });
        std::thread writer_b([&] {
            start.arrive_and_wait();
            result_b = store().append(event_b, b);
        });
        writer_a.join();
        writer_b.join();

        ASSERT_NE(result_a.has_value(), result_b.has_value()) << "round " << round;
        const Status& loser = result_a ? result_b : result_a;
        EXPECT_EQ(loser.error().code, ErrorCode::Conflict) << loser.error().detail;
        const Case& winner = result_a ? a : b;
        const Event& winning_event = result_a ? event_a : event_b;
        EXPECT_EQ(document_of(*store().find_case(id).value()), document_of(winner));
        auto events = store().case_events(id, version - 1, 10).value();
        ASSERT_EQ(events.size(), 1u);
        EXPECT_EQ(events.front().id, winning_event.id);
    }
}

TEST_P(StoreContract, DescribesItsBackendAndSchema) {
    EXPECT_NE(store().describe().find("schema 12"), std::string::npos) << store().describe();
}

OpenTask task_of(const Case& c, std::string step, std::string type, std::string country,
                 std::optional<Date> due) {
    OpenTask task;
    task.case_id = c.id;
    task.parties = parties_of(c);
    task.step = std::move(step);
    task.kind = "step";
    task.side = "DEST";
    task.country = std::move(country);
    task.institution_type = std::move(type);
    task.supervisor_type = "supervisor";
    task.due = due;
    return task;
}

Date day(int d) {
    return Date{std::chrono::year{2026}, std::chrono::March, std::chrono::day{unsigned(d)}};
}

TEST_P(StoreContract, OpenTasksComeBackForTheirInstitutionTypeAndCountryDatedFirst) {
    Case a = make_case(Id::generate(), 1);
    Case b = make_case(Id::generate(), 1, "Active", "HN", "GT");
    // b's country of origin has been notified; a's not yet (CaseParties::origin_notified).
    b.steps_completed.push_back("consular_notification");
    CaseTasks tasks_a{1,
                      "fp",
                      parties_of(a),
                      {task_of(a, "interview", "shelter", "MX", std::nullopt),
                       task_of(a, "assessment", "shelter", "MX", day(20)),
                       task_of(a, "notify", "consulate", "MX", day(5))}};
    CaseTasks tasks_b{1,
                      "fp",
                      parties_of(b),
                      {task_of(b, "interview", "shelter", "", day(10)),
                       task_of(b, "interview", "shelter", "GT", day(1))}};
    ASSERT_TRUE(store().append(make_event(a), a, &tasks_a));
    ASSERT_TRUE(store().append(make_event(b), b, &tasks_b));

    auto shelter_mx = store().open_tasks({"shelter", "MX"}).value();
    ASSERT_EQ(shelter_mx.size(), 3u);
    // b's task with no country is any shelter's; dated tasks first, by due date.
    EXPECT_EQ(shelter_mx[0], tasks_b.tasks[0]);
    EXPECT_EQ(shelter_mx[1], tasks_a.tasks[1]);
    EXPECT_EQ(shelter_mx[2], tasks_a.tasks[0]);
    EXPECT_TRUE(shelter_mx[0].parties.origin_notified);
    EXPECT_FALSE(shelter_mx[1].parties.origin_notified);
    EXPECT_EQ(store().open_tasks({"consulate", "MX"}).value(),
              std::vector<OpenTask>{tasks_a.tasks[2]});
    EXPECT_EQ(store().open_tasks({"shelter", "GT"}).value().size(), 2u);
    EXPECT_TRUE(store().open_tasks({"police", "MX"}).value().empty());
}

// An institution type's inbox also holds the tasks of the steps it supervises in its country
// (exactly: a task with no country escalates to nobody) that were due before the day asked
// for, in one order of due dates with its own tasks, each once.
TEST_P(StoreContract, TheOverdueTasksAnInstitutionTypeSupervisesComeWithItsOwn) {
    Case a = make_case(Id::generate(), 1);
    auto supervised = [](OpenTask task, std::string supervisor) {
        task.supervisor_type = std::move(supervisor);
        return task;
    };
    CaseTasks tasks{1,
                    "fp",
                    parties_of(a),
                    {supervised(task_of(a, "notify", "ministry", "MX", day(8)), "committee"),
                     supervised(task_of(a, "interview", "shelter", "MX", day(3)), "committee"),
                     supervised(task_of(a, "verify", "consulate", "GT", day(2)), "committee"),
                     supervised(task_of(a, "plan", "shelter", "", day(1)), "committee"),
                     supervised(task_of(a, "review", "committee", "MX", day(4)), "committee"),
                     supervised(task_of(a, "visit", "shelter", "MX", std::nullopt), "committee"),
                     supervised(task_of(a, "report", "shelter", "MX", day(6)), "ministry")}};
    ASSERT_TRUE(store().append(make_event(a), a, &tasks));

    OpenTaskQuery query{"committee", "MX", day(8)};
    // Due before the 8th: the interview (3rd), its own review (4th), not the notification (due
    // on the 8th), another country's verification, the task with no country, one without a due
    // date, or a step another type supervises.
    EXPECT_EQ(store().open_tasks(query).value(),
              (std::vector<OpenTask>{tasks.tasks[1], tasks.tasks[4]}));
    query.supervised_overdue_on = day(9);
    EXPECT_EQ(store().open_tasks(query).value(),
              (std::vector<OpenTask>{tasks.tasks[1], tasks.tasks[4], tasks.tasks[0]}));
    // Without the day, only its own.
    EXPECT_EQ(store().open_tasks({"committee", "MX"}).value(),
              std::vector<OpenTask>{tasks.tasks[4]});
    EXPECT_EQ(store().open_tasks({"ministry", "MX", day(30)}).value(),
              (std::vector<OpenTask>{tasks.tasks[6], tasks.tasks[0]}));
}

TEST_P(StoreContract, AnAppendReplacesTheTasksAndOneWithoutTasksLeavesTheCaseStale) {
    Case c = open_case(1);
    EXPECT_EQ(store().cases_with_stale_tasks("fp", "", 10).value(), std::vector<Id>{c.id});

    Case next = make_case(c.id, 2);
    CaseTasks tasks{
        2, "fp", parties_of(next), {task_of(next, "interview", "shelter", "MX", day(3))}};
    ASSERT_TRUE(store().append(make_event(next), next, &tasks));
    EXPECT_TRUE(store().cases_with_stale_tasks("fp", "", 10).value().empty());
    // Other protocol files make every projection stale.
    EXPECT_EQ(store().cases_with_stale_tasks("other", "", 10).value().size(), 1u);

    // A refused append leaves the tasks as they were.
    Case stale = make_case(c.id, 2, "Closed");
    CaseTasks none{2, "fp", parties_of(stale), {}};
    EXPECT_FALSE(store().append(make_event(stale), stale, &none));
    EXPECT_EQ(store().open_tasks({"shelter", "MX"}).value(), tasks.tasks);

    Case third = make_case(c.id, 3);
    ASSERT_TRUE(store().append(make_event(third), third));
    EXPECT_TRUE(store().open_tasks({"shelter", "MX"}).value().empty());
    EXPECT_EQ(store().cases_with_stale_tasks("fp", "", 10).value(), std::vector<Id>{c.id});
}

TEST_P(StoreContract, TasksDerivedAtAnOlderVersionNeverReplaceNewerOnes) {
    Case c = open_case(2);
    CaseTasks old_tasks{1, "fp", parties_of(c), {task_of(c, "interview", "shelter", "MX", day(3))}};
    EXPECT_FALSE(store().replace_case_tasks(c.id, old_tasks).value());
    EXPECT_TRUE(store().open_tasks({"shelter", "MX"}).value().empty());
    EXPECT_EQ(store().cases_with_stale_tasks("fp", "", 10).value().size(), 1u);

    CaseTasks current{2, "fp", parties_of(c), {task_of(c, "interview", "shelter", "MX", day(3))}};
    EXPECT_TRUE(store().replace_case_tasks(c.id, current).value());
    EXPECT_EQ(store().open_tasks({"shelter", "MX"}).value(), current.tasks);
    EXPECT_TRUE(store().cases_with_stale_tasks("fp", "", 10).value().empty());
    EXPECT_FALSE(store().replace_case_tasks(Id::generate(), current).value());
}

TEST_P(StoreContract, CasesWithATaskPastItsDateComeOnceInIdOrder) {
    Case late = make_case(Id::generate(), 1);
    Case early_and_late = make_case(Id::generate(), 1);
    Case on_time = make_case(Id::generate(), 1);
    CaseTasks late_tasks{1, "fp", parties_of(late), {task_of(late, "a", "shelter", "MX", day(2))}};
    CaseTasks both{1,
                   "fp",
                   parties_of(early_and_late),
                   {task_of(early_and_late, "a", "shelter", "MX", day(1)),
                    task_of(early_and_late, "b", "police", "MX", day(3)),
                    task_of(early_and_late, "c", "police", "MX", std::nullopt)}};
    CaseTasks fine{1, "fp", parties_of(on_time), {task_of(on_time, "a", "shelter", "MX", day(9))}};
    ASSERT_TRUE(store().append(make_event(late), late, &late_tasks));
    ASSERT_TRUE(store().append(make_event(early_and_late), early_and_late, &both));
    ASSERT_TRUE(store().append(make_event(on_time), on_time, &fine));
    std::vector<Id> expected{late.id, early_and_late.id};
    std::sort(expected.begin(), expected.end(),
              [](const Id& x, const Id& y) { return x.to_string() < y.to_string(); });
    // Due before the 5th: not the case due on the 9th, and the case with two late tasks once.
    EXPECT_EQ(store().cases_with_tasks_due_before(day(5), "", 10).value(), expected);
    auto first = store().cases_with_tasks_due_before(day(5), "", 1).value();
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(store().cases_with_tasks_due_before(day(5), first[0].to_string(), 10).value(),
              std::vector<Id>{expected[1]});
    // A task due on the day itself is not late yet.
    EXPECT_EQ(store().cases_with_tasks_due_before(day(1), "", 10).value(), std::vector<Id>{});
}

TEST_P(StoreContract, StaleCasesComeInPagesInIdOrder) {
    std::vector<Id> ids;
    for (int i = 0; i < 5; ++i)
        ids.push_back(open_case(1).id);
    std::sort(ids.begin(), ids.end(),
              [](const Id& x, const Id& y) { return x.to_string() < y.to_string(); });
    auto first = store().cases_with_stale_tasks("fp", "", 3).value();
    ASSERT_EQ(first.size(), 3u);
    auto rest = store().cases_with_stale_tasks("fp", first.back().to_string(), 3).value();
    first.insert(first.end(), rest.begin(), rest.end());
    EXPECT_EQ(first, ids);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
