#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <map>
#include <thread>

#include <boost/json.hpp>

#include "domain/event_hash.h"
#include "store/open_store.h"
#include "support/api/child_process.h"
#include "support/api/cli_user.h"
#include "support/api/http_client.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::ChildProcess;
using testing::HttpClient;

ChildProcess start_server(const std::filesystem::path& data, unsigned short port) {
    return ChildProcess({RETORNO_BINARY, "serve", "--data", data.string(), "--listen",
                         "127.0.0.1:" + std::to_string(port)});
}

// The server is killed with SIGKILL while appends are under way. After a restart every
// acknowledged event is there, no event is half-written, every case's hash chain is intact and
// each projection is at the version of its last event.
TEST(Crash, EveryAcknowledgedAppendSurvivesSigkill) {
    testing::ThrowawayDir dir;
    auto data = dir.path() / "data";
    ASSERT_EQ(testing::run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
    ASSERT_TRUE(testing::add_cli_user(data.string(), "tester"));
    auto port = testing::free_port();

    std::vector<std::string> case_ids;
    std::map<std::string, std::int64_t> acknowledged;  // case id -> highest acknowledged version
    {
        auto server = start_server(data, port);
        ASSERT_TRUE(testing::wait_until_healthy(port, 30));
        auto client = HttpClient(port).with_bearer(
            testing::sign_in_token(HttpClient(port), "tester", testing::kCliUserPassword));
        for (int i = 0; i < 4; ++i) {
            case_ids.push_back(testing::open_sample_case(client));
            ASSERT_FALSE(case_ids.back().empty());
            acknowledged[case_ids.back()] = 1;
        }
        std::atomic<int> acks{0};
        std::atomic<bool> killed{false};
        std::thread writer([&] {
            auto versions = acknowledged;
            for (int i = 0; !killed; ++i) {
                const auto& id = case_ids[static_cast<std::size_t>(i) % case_ids.size()];
                auto reply = client.post_json(
                    "/api/v1/cases/" + id + "/events",
                    R"({"kind": "note_added", "data": {"cco_CaseComment": "Seguimiento telefónico."}})",
                    {{"If-Match", std::to_string(versions[id])}});
                if (reply.status != 201)
                    continue;  // the server died under this request
                versions[id] += 1;
                acknowledged[id] = versions[id];
                ++acks;
            }
        });
        while (acks < 40)
            std::this_thread::yield();
        server.kill(SIGKILL);
        EXPECT_EQ(server.wait(), 128 + SIGKILL);
        killed = true;
        writer.join();
    }

    // Restart: the server comes up on the same file, and answers for every acknowledged event.
    {
        auto server = start_server(data, port);
        ASSERT_TRUE(testing::wait_until_healthy(port, 30));
        auto client = HttpClient(port).with_bearer(
            testing::sign_in_token(HttpClient(port), "tester", testing::kCliUserPassword));
        for (const auto& id : case_ids) {
            auto reply = client.get("/api/v1/cases/" + id);
            ASSERT_EQ(reply.status, 200);
            auto version = json::parse(reply.body).at("version").as_int64();
            EXPECT_GE(version, acknowledged[id]) << "an acknowledged event was lost";
        }
        server.kill(SIGTERM);
        EXPECT_EQ(server.wait(), 0);
    }

    // Directly in the store: contiguous versions, a valid hash chain, projections in step.
    auto store = open_store("", data);
    ASSERT_TRUE(store);
    for (const auto& id_text : case_ids) {
        auto id = *Id::parse(id_text);
        auto events = (*store)->case_events(id, 0, 100000);
        ASSERT_TRUE(events);
        std::string previous;
        for (std::size_t i = 0; i < events->size(); ++i) {
            const auto& event = (*events)[i];
            EXPECT_EQ(event.version, static_cast<std::int64_t>(i) + 1);
            EXPECT_EQ(event.previous_hash, previous);
            EXPECT_EQ(event_hash(event), event.hash) << "event " << event.version << " is damaged";
            previous = event.hash;
        }
        auto found = (*store)->find_case(id);
        ASSERT_TRUE(found && *found);
        EXPECT_EQ((*found)->version, static_cast<std::int64_t>(events->size()));
        EXPECT_EQ((*found)->last_hash, previous);
    }
}

}  // namespace
}  // namespace retorno
