#include <gtest/gtest.h>

#include <future>
#include <latch>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::TestServer;

// A request that is in flight when shutdown begins is answered in full; the server then stops.
TEST(Shutdown, FinishesInFlightRequestsThenStops) {
    TestServer server;
    std::latch entered(1);
    std::promise<void> release;
    auto released = release.get_future().share();
    server.router().add(
        "GET", "/test/slow",
        [&](const http::Request&, const http::PathParams&) -> Result<http::Response> {
            entered.count_down();
            released.wait();
            return http::Response{200, "text/plain", "finished", {}};
        });
    server.start();
    auto client = server.client();
    auto in_flight = std::async(std::launch::async, [&] { return client.get("/test/slow"); });
    entered.wait();
    auto stopping = std::async(std::launch::async, [&] { server.stop(); });
    // The server must not stop while the request is still being handled.
    EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(200)), std::future_status::timeout);
    release.set_value();
    auto reply = in_flight.get();
    EXPECT_EQ(reply.status, 200);
    EXPECT_EQ(reply.body, "finished");
    stopping.get();
    // After stopping, nobody answers.
    EXPECT_EQ(client.get("/healthz").status, 0);
}

TEST(Shutdown, ClosesIdleKeepAliveConnections) {
    TestServer server;
    server.start();
    // A client that opened a connection and sent nothing must not hold the shutdown up.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.client().port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    server.stop();
    char byte;
    EXPECT_LE(::recv(fd, &byte, 1, 0), 0);
    ::close(fd);
}

}  // namespace
}  // namespace retorno
