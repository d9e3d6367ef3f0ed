// Quick routes (store reads) run on the network threads; the durable work they defer (their
// audit entries) is finished before their answer leaves, and when it cannot be, nothing of the
// answer leaves (503).

#include <future>
#include <latch>
#include <thread>

#include <gtest/gtest.h>

#include "http/server.h"
#include "store/sqlite/sqlite_connection.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::TestServer;

// Finishes the deferred work of each request on a thread of its own, once the test allows it,
// with the outcome the test chose.
struct HeldDeferral {
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::latch deferred{1};
    bool outcome = true;
    std::vector<std::thread> finishers;

    http::Deferral deferral() {
        return [this](const std::function<void()>& dispatch) -> http::Settle {
            dispatch();
            return [this](std::function<void(bool)> done) {
                deferred.count_down();
                finishers.emplace_back([this, done = std::move(done)] {
                    released.wait();
                    done(outcome);
                });
            };
        };
    }
    ~HeldDeferral() {
        for (auto& finisher : finishers)
            finisher.join();
    }
};

http::Response text(std::string body) {
    return http::Response{200, "text/plain", std::move(body), {}};
}

// The HTTP server alone, on a loopback port, with one Quick route that answers `body` and the
// given deferral.
class BareServer {
  public:
    BareServer(http::Deferral deferral, std::string body) {
        m_router.set_deferral(std::move(deferral));
        m_router.add(
            "GET", "/test/quick",
            [body](const http::Request&, const http::PathParams&) -> Result<http::Response> {
                return text(body);
            },
            http::Access::Public, http::Work::Quick);
        m_router.add(
            "GET", "/test/other",
            [](const http::Request&, const http::PathParams&) -> Result<http::Response> {
                return text("other");
            },
            http::Access::Public);
        http::ServerOptions options;
        options.port = 0;
        options.threads = 2;
        m_server = std::make_unique<http::Server>(m_router, options);
        if (!m_server->listen())
            throw std::runtime_error("cannot listen");
        m_thread = std::thread([this] { m_server->run(http::Server::Signals::Ignore); });
    }
    ~BareServer() { stop(); }
    void stop() {
        if (!m_thread.joinable())
            return;
        m_server->shutdown();
        m_thread.join();
    }
    testing::HttpClient client() const { return testing::HttpClient(m_server->port()); }

  private:
    http::Router m_router;
    std::unique_ptr<http::Server> m_server;
    std::thread m_thread;
};

TEST(QuickRoutes, AreRoutedByWhatTheyDo) {
    http::Router router;
    auto ok = [](const http::Request&, const http::PathParams&) -> Result<http::Response> {
        return text("ok");
    };
    router.add("GET", "/read/{id}", ok, http::Access::Public, http::Work::Quick);
    router.add("POST", "/read/{id}", ok, http::Access::Public);
    http::Request request;
    request.method = "GET";
    request.path = "/read/7";
    EXPECT_EQ(router.work_of(request), http::Work::Quick);
    request.method = "POST";
    EXPECT_EQ(router.work_of(request), http::Work::Blocking);
    // A 404 or a 405 touches nothing.
    request.path = "/nowhere";
    EXPECT_EQ(router.work_of(request), http::Work::Quick);
    request.method = "DELETE";
    request.path = "/read/7";
    EXPECT_EQ(router.work_of(request), http::Work::Quick);
    // Without a deferral, or when the handler defers nothing, there is nothing to settle.
    request.method = "GET";
    EXPECT_FALSE(router.dispatch_quick(request).settle);
    router.set_deferral([](const std::function<void()>& dispatch) -> http::Settle {
        dispatch();
        return {};
    });
    auto quick = router.dispatch_quick(request);
    EXPECT_FALSE(quick.settle);
    EXPECT_EQ(quick.response.body, "ok");
}

TEST(QuickRoutes, AnswerOnlyOnceTheirDeferredWorkIsDoneEvenThroughAShutdown) {
    HeldDeferral held;
    BareServer server(held.deferral(), "read");
    auto client = server.client();
    auto reply = std::async(std::launch::async, [&] { return client.get("/test/quick"); });
    held.deferred.wait();
    EXPECT_EQ(reply.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
    // The network threads are not held meanwhile: other requests are answered.
    EXPECT_EQ(client.get("/test/other").body, "other");
    auto stopping = std::async(std::launch::async, [&] { server.stop(); });
    EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
    held.release.set_value();
    auto answered = reply.get();
    EXPECT_EQ(answered.status, 200);
    EXPECT_EQ(answered.body, "read");
    stopping.get();
}

TEST(QuickRoutes, ShowNothingWhenTheirDeferredWorkFails) {
    HeldDeferral held;
    held.outcome = false;
    held.release.set_value();
    BareServer server(held.deferral(), "something read");
    auto reply = server.client().get("/test/quick");
    EXPECT_EQ(reply.status, 503);
    EXPECT_EQ(reply.header("content-type"), "application/problem+json");
    EXPECT_EQ(reply.body.find("something read"), std::string::npos);
    EXPECT_NE(reply.body.find("audit trail"), std::string::npos) << reply.body;
}

// With the real audit trail: a case read whose entry cannot be stored shows nothing of the
// case, and leaves the trail as it was.
TEST(QuickRoutes, ACaseReadIsNeverAnsweredWithoutItsAuditEntry) {
    TestServer server;
    server.start();
    auto client = server.client();
    const auto case_id = testing::open_sample_case(client);
    ASSERT_FALSE(case_id.empty());
    auto entries = [&] { return server.store().audit_entries(0, 10'000, case_id).value().size(); };
    const auto before = entries();

    auto db = sqlite::Connection::open(server.sqlite_file(), sqlite::Durability::Normal).value();
    ASSERT_TRUE(
        db->execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                    "BEGIN SELECT RAISE(ABORT, 'disk full'); END;"));
    auto refused = client.get("/api/v1/cases/" + case_id);
    EXPECT_EQ(refused.status, 503) << refused.body;
    EXPECT_EQ(refused.body.find("Ana"), std::string::npos);
    EXPECT_EQ(refused.body.find("Pérez"), std::string::npos);
    EXPECT_EQ(entries(), before);

    ASSERT_TRUE(db->execute("DROP TRIGGER refuse_audit"));
    auto read = client.get("/api/v1/cases/" + case_id);
    EXPECT_EQ(read.status, 200) << read.body;
    EXPECT_NE(read.body.find("Ana"), std::string::npos);
    // The entry was stored before the answer left.
    EXPECT_EQ(entries(), before + 1);
}

}  // namespace
}  // namespace retorno
