// Two `retorno serve` processes share one PostgreSQL database and receive concurrent changes
// to the same cases: the database decides which change wins, so there is never a lost update
// or a duplicated event, and the loser gets a clean 409. Sessions and the matching index are
// shared too: a sign-out through one process holds on the other at once, and a child
// registered through one is found by the search-before-opening of the other. (Escalations
// raised by two schedulers at once: tests/service/concurrent_escalation_test.cpp; failed
// sign-ins counted across processes: tests/access/auth_service_test.cpp.)

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <set>
#include <thread>

#include <boost/json.hpp>

#include "cli/cli_support.h"
#include "cli/server_process.h"
#include "crypto/keyring.h"
#include "service/demo_data.h"
#include "store/chain_check.h"

namespace retorno::testing {
namespace {

namespace json = boost::json;

std::string note_body(const std::string& text) {
    return json::serialize(
        json::object{{"kind", "note_added"}, {"data", json::object{{"cco_CaseComment", text}}}});
}

// The case's current version, from its ETag ("7").
std::int64_t version_of(const HttpClient& client, const std::string& case_id) {
    auto reply = client.get("/api/v1/cases/" + case_id);
    EXPECT_EQ(reply.status, 200) << reply.body;
    auto etag = reply.header("etag");
    if (etag.size() < 3)
        return -1;
    return std::stoll(etag.substr(1, etag.size() - 2));
}

HttpReply post_note(const HttpClient& client, const std::string& case_id, std::int64_t version,
                    const std::string& text) {
    return client.post_json("/api/v1/cases/" + case_id + "/events", note_body(text),
                            {{"If-Match", "\"" + std::to_string(version) + "\""}});
}

void expect_version_conflict(const HttpReply& reply) {
    EXPECT_EQ(reply.status, 409) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/problem+json") << reply.body;
    auto body = json::parse(reply.body);
    EXPECT_EQ(body.at("type").as_string(), "urn:retorno:problem:version-conflict") << reply.body;
}

class TwoServers : public ::testing::Test {
  protected:
    void SetUp() override {
        RETORNO_REQUIRE_POSTGRES();
        auto server = postgres_test_url();
        m_database = std::make_unique<ThrowawayDatabase>(*server);
        auto first = run_retorno({"init", "--data", data(1).string(), "--database",
                                  m_database->url(), "--demo", "--demo-cases", "10"});
        ASSERT_EQ(first.exit_code, 0) << first.output;
        auto second =
            run_retorno({"init", "--data", data(2).string(), "--database", m_database->url()});
        ASSERT_EQ(second.exit_code, 0) << second.output;
        // Processes that share a database share its data key file (docs/operations.md).
        std::filesystem::copy_file(data_key_file(data(1)), data_key_file(data(2)),
                                   std::filesystem::copy_options::overwrite_existing);
        // One session drives many writers through both processes: the tests are about the
        // database deciding between them, not about the per-process rate limits, which a fast
        // machine would otherwise reach (429).
        for (int n : {1, 2}) {
            std::ofstream(data(n) / "retorno.conf", std::ios::app)
                << "address_requests_per_second = 1000000\n"
                << "session_requests_per_second = 1000000\n";
        }
        m_a = std::make_unique<ServerProcess>(data(1));
        m_b = std::make_unique<ServerProcess>(data(2));
        ASSERT_NE(m_a->port(), 0);
        ASSERT_NE(m_b->port(), 0);

        // One session, signed in through A, serves on B too: sessions live in the database.
        std::string problem;
        m_token = sign_in_token(m_a->client(), "mx.trabajo.social", kDemoPassword, &problem);
        ASSERT_FALSE(m_token.empty()) << problem;
        auto list = a().get("/api/v1/cases?limit=3");
        ASSERT_EQ(list.status, 200) << list.body;
        const auto listed = json::parse(list.body);  // kept: the loop reads into it
        for (const auto& item : listed.at("items").as_array())
            m_cases.emplace_back(item.at("id").as_string());
        ASSERT_EQ(m_cases.size(), 3u);
    }

    void TearDown() override {
        // The servers close their connections before the database is dropped.
        m_a.reset();
        m_b.reset();
        m_database.reset();
    }

    HttpClient a() const { return m_a->client().with_bearer(m_token); }
    HttpClient b() const { return m_b->client().with_bearer(m_token); }

    std::filesystem::path data(int n) const { return m_dir.path() / ("data" + std::to_string(n)); }

    ThrowawayDir m_dir;
    std::unique_ptr<ThrowawayDatabase> m_database;
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
    std::vector<std::string> m_cases;
    std::string m_token;
};

// Both processes change the same case against the same version at once: exactly one wins,
// whichever it is, every time.
TEST_F(TwoServers, ExactlyOneOfTwoConcurrentChangesWins) {
    const auto a = this->a();
    const auto b = this->b();
    for (const auto& case_id : m_cases) {
        for (int round = 0; round < 10; ++round) {
            std::int64_t version = version_of(a, case_id);
            ASSERT_EQ(version, version_of(b, case_id));
            HttpReply from_a;
            HttpReply from_b;
            std::thread ta([&] { from_a = post_note(a, case_id, version, "via A"); });
            std::thread tb([&] { from_b = post_note(b, case_id, version, "via B"); });
            ta.join();
            tb.join();
            ASSERT_TRUE((from_a.status == 201) != (from_b.status == 201))
                << "A: " << from_a.status << " " << from_a.body << "\nB: " << from_b.status << " "
                << from_b.body;
            expect_version_conflict(from_a.status == 201 ? from_b : from_a);
            EXPECT_EQ(version_of(a, case_id), version + 1);
            EXPECT_EQ(version_of(b, case_id), version + 1);
        }
    }
}

// Many writers through both processes retry until their note is in: every acknowledged note is
// in the log exactly once, the versions have no gap, and the audit chains verify.
TEST_F(TwoServers, NoLostUpdateAndNoDuplicatedEventUnderContention) {
    const std::string case_id = m_cases.front();
    const std::int64_t start = version_of(a(), case_id);
    constexpr int kWriters = 6;
    constexpr int kNotesEach = 8;
    std::atomic<int> conflicts{0};
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            const auto client = (w % 2 == 0) ? a() : b();
            for (int n = 0; n < kNotesEach; ++n) {
                const std::string text =
                    "writer " + std::to_string(w) + " note " + std::to_string(n);
                for (int attempt = 0;; ++attempt) {
                    auto reply = post_note(client, case_id, version_of(client, case_id), text);
                    if (reply.status == 201)
                        break;
                    if (reply.status == 409 && attempt < 1000) {
                        ++conflicts;
                        continue;
                    }
                    ++failures;
                    ADD_FAILURE() << reply.status << " " << reply.body;
                    return;
                }
            }
        });
    }
    for (auto& t : writers)
        t.join();
    ASSERT_EQ(failures, 0);
    EXPECT_EQ(version_of(b(), case_id), start + kWriters * kNotesEach);

    auto store = open_for_test(m_database->url(), data(1));
    ASSERT_TRUE(store);
    auto events = store->case_events(Id::parse(case_id).value(), start, 100000);
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), static_cast<std::size_t>(kWriters * kNotesEach));
    std::set<std::string> notes;
    for (std::size_t i = 0; i < events->size(); ++i) {
        EXPECT_EQ((*events)[i].version, start + 1 + static_cast<std::int64_t>(i));
        notes.insert(std::string((*events)[i].data.at("cco_CaseComment").as_string()));
    }
    EXPECT_EQ(notes.size(), static_cast<std::size_t>(kWriters * kNotesEach))
        << "a note was recorded twice or lost";
    auto verified = verify_store(*store);
    EXPECT_TRUE(verified) << verified.error().detail;
}

// A session signed out through one process is refused by the other at once: sessions live in
// the database and no process keeps its own copy. Signing out everywhere reaches both too.
TEST_F(TwoServers, ASignOutThroughOneProcessHoldsOnTheOtherAtOnce) {
    std::string problem;
    const auto token = sign_in_token(m_b->client(), "mx.trabajo.social", kDemoPassword, &problem);
    ASSERT_FALSE(token.empty()) << problem;
    const auto on_a = m_a->client().with_bearer(token);
    const auto on_b = m_b->client().with_bearer(token);
    ASSERT_EQ(on_a.get("/api/v1/cases?limit=1").status, 200);
    ASSERT_EQ(on_b.get("/api/v1/cases?limit=1").status, 200);
    auto out = on_b.send("DELETE", "/api/v1/sessions/current");
    ASSERT_EQ(out.status, 204) << out.body;
    EXPECT_EQ(on_a.get("/api/v1/cases?limit=1").status, 401);
    EXPECT_EQ(on_b.get("/api/v1/cases?limit=1").status, 401);

    // m_token was signed in through A; a new one through B; signing out everywhere through B
    // ends both, on both processes.
    const auto second = sign_in_token(m_b->client(), "mx.trabajo.social", kDemoPassword, &problem);
    ASSERT_FALSE(second.empty()) << problem;
    auto everywhere = m_b->client().with_bearer(second).send("DELETE", "/api/v1/sessions");
    ASSERT_EQ(everywhere.status, 204) << everywhere.body;
    EXPECT_EQ(a().get("/api/v1/cases?limit=1").status, 401);
    EXPECT_EQ(m_a->client().with_bearer(second).get("/api/v1/cases?limit=1").status, 401);
}

// A child registered through A is found, under another spelling, by the search of B: each
// process follows the shared event log before it answers a search.
TEST_F(TwoServers, AChildRegisteredThroughOneProcessIsFoundThroughTheOther) {
    const std::string body = json::serialize(json::object{
        {"person", json::object{{"prs_FirstName", "Yesenia Marisol"},
                                {"prs_SecondName", "Quintanilla Bojórquez"},
                                {"prs_Birthdate", "2011-04-23"},
                                {"prs_Gender", "Feminine"},
                                {"prs_Citizenship", json::array{"GT"}}}},
        {"victim", json::object{{"vic_TypeOfExploitation", json::array{"ForcedLabour"}}}},
        {"origin_country", "GT"},
        {"destination_country", "MX"}});
    const auto search =
        "/api/v1/persons/candidates?prs_FirstName=Yesenia&prs_SecondName="
        "Boj%C3%B3rquez%20Quintanilla&prs_Birthdate=2011-04-23";
    // B builds its index before the child exists...
    auto before = b().get(search);
    ASSERT_EQ(before.status, 200) << before.body;
    auto created = a().post_json("/api/v1/cases", body);
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id(json::parse(created.body).at("id").as_string());
    // ...and finds her once A has registered her.
    auto after = b().get(search);
    ASSERT_EQ(after.status, 200) << after.body;
    bool found = false;
    const auto answer = json::parse(after.body);
    for (const auto& item : answer.at("items").as_array())
        found = found || item.at("case_id").as_string() == id;
    EXPECT_TRUE(found) << after.body;
}

}  // namespace
}  // namespace retorno::testing
