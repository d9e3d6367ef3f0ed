// `retorno serve` over TLS: with a certificate and key the server speaks HTTPS only and sends
// Strict-Transport-Security; without them it speaks plain HTTP and never sends that header.
// The certificate is made for the test by Debian's openssl in a throwaway folder, and the
// client is curl (a real TLS client, not this project's code).

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <string>

#include "support/api/test_server.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

using testing::TestServer;

struct Run {
    int status = -1;
    std::string output;
};

Run run(const std::string& command) {
    Run out;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr)
        return out;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        out.output.append(buffer.data(), n);
    out.status = ::pclose(pipe);
    return out;
}

// A self-signed certificate for 127.0.0.1, valid for a day.
void make_certificate(const std::filesystem::path& dir) {
    auto made =
        run("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
            "-addext subjectAltName=IP:127.0.0.1 -keyout " +
            (dir / "key.pem").string() + " -out " + (dir / "cert.pem").string());
    ASSERT_EQ(made.status, 0) << made.output;
}

TEST(Tls, ServesHttpsWithHstsAndRefusesPlainHttp) {
    testing::ThrowawayDir dir;
    make_certificate(dir.path());
    TestServer server;
    server.options().tls_certificate_file = (dir.path() / "cert.pem").string();
    server.options().tls_key_file = (dir.path() / "key.pem").string();
    server.start();
    const std::string base = "https://127.0.0.1:" + std::to_string(server.port());
    const std::string ca = " --cacert " + (dir.path() / "cert.pem").string();

    // The certificate verifies against itself: no --insecure.
    auto health = run("curl -sS -i --max-time 20" + ca + " " + base + "/healthz");
    ASSERT_EQ(health.status, 0) << health.output;
    EXPECT_NE(health.output.find("HTTP/1.1 200"), std::string::npos) << health.output;
    EXPECT_NE(health.output.find("Strict-Transport-Security: max-age=31536000"), std::string::npos)
        << health.output;
    EXPECT_NE(health.output.find("X-Content-Type-Options: nosniff"), std::string::npos);

    // A signed-in request over TLS.
    auto cases = run("curl -sS -i --max-time 20" + ca + " -H 'Authorization: Bearer " +
                     server.token() + "' " + base + "/api/v1/cases");
    EXPECT_NE(cases.output.find("HTTP/1.1 200"), std::string::npos) << cases.output;

    // Plain HTTP on the TLS port gets no answer (the handshake fails), and TLS 1.1 is refused.
    auto plain = run("curl -sS -i --max-time 20 http://127.0.0.1:" + std::to_string(server.port()) +
                     "/healthz");
    EXPECT_NE(plain.status, 0) << plain.output;
    EXPECT_EQ(plain.output.find("HTTP/1.1 200"), std::string::npos) << plain.output;
    auto old =
        run("curl -sS -i --max-time 20 --tlsv1.1 --tls-max 1.1" + ca + " " + base + "/healthz");
    EXPECT_NE(old.status, 0) << old.output;
    server.stop();
}

TEST(Tls, PlainHttpNeverSendsHsts) {
    TestServer server;
    server.start();
    auto health = run(
        "curl -sS -i --max-time 20 http://127.0.0.1:" + std::to_string(server.port()) + "/healthz");
    ASSERT_EQ(health.status, 0) << health.output;
    EXPECT_NE(health.output.find("HTTP/1.1 200"), std::string::npos) << health.output;
    EXPECT_EQ(health.output.find("Strict-Transport-Security"), std::string::npos);
}

TEST(Tls, ACertificateWithoutItsKeyOrAnUnreadableOneIsRefused) {
    testing::ThrowawayDir dir;
    make_certificate(dir.path());
    http::Router router;
    http::ServerOptions only_cert;
    only_cert.port = 0;
    only_cert.tls_certificate_file = (dir.path() / "cert.pem").string();
    http::Server first(router, only_cert);
    EXPECT_FALSE(first.listen());

    http::ServerOptions missing = only_cert;
    missing.tls_key_file = (dir.path() / "no-such-key.pem").string();
    http::Server second(router, missing);
    auto listened = second.listen();
    ASSERT_FALSE(listened);
    EXPECT_EQ(listened.error().message, "The TLS certificate or key cannot be loaded.");
}

}  // namespace
}  // namespace retorno
