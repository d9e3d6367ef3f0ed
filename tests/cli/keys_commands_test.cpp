// `retorno keys rotate` while a real `retorno serve` keeps answering reads and writes over
// HTTP, on both stores: no request fails, every sensitive field ends under the new key, the old
// key leaves the key file, and a server started afterwards (with only the new key) reads every
// case, whose chains verify.

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <mutex>
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

class KeysCommand : public ::testing::TestWithParam<Backend> {
  protected:
    void SetUp() override {
        if (GetParam() == Backend::Postgres) {
            RETORNO_REQUIRE_POSTGRES();
            auto server = postgres_test_url();
            m_database = std::make_unique<ThrowawayDatabase>(*server);
        }
        auto init = run_retorno({"init", "--data", data().string(), "--database", setting(),
                                 "--demo", "--demo-cases", "12"});
        ASSERT_EQ(init.exit_code, 0) << init.output;
        // The test's readers go as fast as they can: above the default per-session rate.
        std::ofstream(data() / "retorno.conf", std::ios::app)
            << "address_requests_per_second = 100000\nsession_requests_per_second = 100000\n";
    }

    void TearDown() override { m_database.reset(); }

    std::filesystem::path data() const { return m_dir.path() / "data"; }
    std::string setting() const { return m_database ? m_database->url() : "sqlite:retorno.db"; }

    ThrowawayDir m_dir;
    std::unique_ptr<ThrowawayDatabase> m_database;
};

TEST_P(KeysCommand, RotateWhileTheServerAnswersReadsAndWrites) {
    const std::string old_key = load_keyring_file(data_key_file(data())).value().current().id;
    std::vector<std::string> cases;
    std::string token;
    {
        ServerProcess server(data());
        ASSERT_NE(server.port(), 0);
        std::string problem;
        token = sign_in_token(server.client(), "mx.trabajo.social", kDemoPassword, &problem);
        ASSERT_FALSE(token.empty()) << problem;
        const auto client = server.client().with_bearer(token);
        auto list = client.get("/api/v1/cases?limit=5");
        ASSERT_EQ(list.status, 200) << list.body;
        const auto listed = json::parse(list.body);  // kept: the loop reads into it
        for (const auto& item : listed.at("items").as_array())
            cases.emplace_back(item.at("id").as_string());
        ASSERT_FALSE(cases.empty());

        std::atomic<bool> stop{false};
        std::atomic<int> reads{0};
        std::atomic<int> writes{0};
        std::atomic<int> failures{0};
        std::mutex failure_mutex;
        std::string last_failure;
        auto failed = [&](const HttpReply& reply) {
            ++failures;
            std::lock_guard lock(failure_mutex);
            last_failure = std::to_string(reply.status) + " " + reply.body;
        };
        std::thread reader([&] {
            for (std::size_t i = 0; !stop; ++i) {
                auto reply = client.get("/api/v1/cases/" + cases[i % cases.size()]);
                if (reply.status == 200 && reply.body.find("prs_FirstName") != std::string::npos) {
                    ++reads;
                } else {
                    failed(reply);
                }
            }
        });
        std::thread writer([&] {
            for (std::size_t i = 0; !stop; ++i) {
                const std::string& id = cases[i % cases.size()];
                auto current = client.get("/api/v1/cases/" + id);
                auto etag = current.header("etag");
                auto body = json::serialize(json::object{
                    {"kind", "note_added"},
                    {"data", json::object{{"cco_CaseComment", "nota " + std::to_string(i)}}}});
                auto reply =
                    client.post_json("/api/v1/cases/" + id + "/events", body, {{"If-Match", etag}});
                if (reply.status == 201) {
                    ++writes;
                } else if (reply.status != 409) {
                    failed(reply);
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        });
        // Let traffic start under the old key, then rotate.
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        auto rotated = run_retorno({"keys", "rotate", "--data", data().string()});
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        stop = true;
        reader.join();
        writer.join();
        ASSERT_EQ(rotated.exit_code, 0) << rotated.output;
        EXPECT_NE(rotated.output.find("removed from the key file"), std::string::npos)
            << rotated.output;
        EXPECT_EQ(failures.load(), 0) << last_failure;
        EXPECT_GT(reads.load(), 10);
        EXPECT_GT(writes.load(), 0);
    }

    auto keyring = load_keyring_file(data_key_file(data()));
    ASSERT_TRUE(keyring);
    ASSERT_EQ(keyring->keys().size(), 1u);
    EXPECT_NE(keyring->current().id, old_key);
    auto status = run_retorno({"keys", "status", "--data", data().string()});
    EXPECT_EQ(status.exit_code, 0) << status.output;
    EXPECT_NE(status.output.find("not under the current key: 0"), std::string::npos)
        << status.output;

    // A new server has only the new key and reads everything.
    ServerProcess again(data());
    ASSERT_NE(again.port(), 0);
    const auto client = again.client().with_bearer(token);
    for (const auto& id : cases) {
        auto reply = client.get("/api/v1/cases/" + id);
        EXPECT_EQ(reply.status, 200) << reply.body;
        EXPECT_NE(reply.body.find("prs_FirstName"), std::string::npos) << reply.body;
    }
    auto store = open_for_test(setting(), data());
    ASSERT_TRUE(store);
    auto verified = verify_store(*store);
    EXPECT_TRUE(verified) << verified.error().detail;
}

TEST(KeysCommandInit, InitCreatesAnOwnerOnlyKeyFileAndKeepsIt) {
    ThrowawayDir dir;
    auto data = dir.path() / "data";
    ASSERT_EQ(run_retorno({"init", "--data", data.string()}).exit_code, 0);
    auto file = data_key_file(data);
    ASSERT_TRUE(std::filesystem::exists(file));
    auto permissions = std::filesystem::status(file).permissions();
    EXPECT_EQ(permissions & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto before = load_keyring_file(file).value().current().id;
    ASSERT_EQ(run_retorno({"init", "--data", data.string()}).exit_code, 0);
    EXPECT_EQ(load_keyring_file(file).value().current().id, before);

    // Without its key file the data folder does not open.
    std::filesystem::remove(file);
    auto status = run_retorno({"keys", "status", "--data", data.string()});
    EXPECT_EQ(status.exit_code, 2) << status.output;
    EXPECT_NE(status.output.find("data key file is missing"), std::string::npos) << status.output;
}

INSTANTIATE_TEST_SUITE_P(BothStores, KeysCommand,
                         ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace retorno::testing
