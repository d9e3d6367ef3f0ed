// The status line and headers that the server writes before a body, byte for byte.

#include <gtest/gtest.h>

#include "http/response_head.h"

namespace retorno::http {
namespace {

constexpr const char* kDefaults =
    "Server: retorno\r\n"
    "Content-Type: application/json\r\n"
    "Cache-Control: no-store\r\n"
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
    "Referrer-Policy: no-referrer\r\n";

Response json(int status, std::string body) {
    return Response{status, "application/json", std::move(body), {}};
}

TEST(ResponseHead, AnAnswerCarriesTheDefaultHeadersAndItsLength) {
    EXPECT_EQ(response_head(json(200, "{\"a\":1}"), 11, true, Transport::Plain),
              std::string("HTTP/1.1 200 OK\r\n") + kDefaults + "Content-Length: 7\r\n\r\n");
    EXPECT_EQ(response_head(json(404, ""), 11, true, Transport::Plain),
              std::string("HTTP/1.1 404 Not Found\r\n") + kDefaults + "Content-Length: 0\r\n\r\n");
}

TEST(ResponseHead, ConnectionIsSaidOnlyWhenTheVersionDoesNotImplyIt) {
    const auto close11 = response_head(json(200, "x"), 11, false, Transport::Plain);
    EXPECT_TRUE(close11.ends_with("Content-Length: 1\r\nConnection: close\r\n\r\n")) << close11;
    const auto keep10 = response_head(json(200, "x"), 10, true, Transport::Plain);
    EXPECT_TRUE(keep10.starts_with("HTTP/1.0 200 OK\r\n")) << keep10;
    EXPECT_TRUE(keep10.ends_with("Content-Length: 1\r\nConnection: keep-alive\r\n\r\n")) << keep10;
    const auto close10 = response_head(json(200, "x"), 10, false, Transport::Plain);
    EXPECT_EQ(close10.find("Connection"), std::string::npos) << close10;
}

TEST(ResponseHead, HstsOnlyOverTls) {
    EXPECT_EQ(response_head(json(200, ""), 11, true, Transport::Plain).find("Strict-Transport"),
              std::string::npos);
    EXPECT_NE(response_head(json(200, ""), 11, true, Transport::Tls)
                  .find("\r\nStrict-Transport-Security: max-age=31536000\r\n"),
              std::string::npos);
}

TEST(ResponseHead, NoLengthOnAnswersThatHaveNoBody) {
    for (int status : {101, 204, 304}) {
        const auto head = response_head(json(status, ""), 11, true, Transport::Plain);
        EXPECT_EQ(head.find("Content-Length"), std::string::npos) << head;
        EXPECT_FALSE(status_has_body(status)) << status;
    }
    EXPECT_TRUE(status_has_body(200));
    EXPECT_TRUE(status_has_body(404));
}

TEST(ResponseHead, AHandlersHeaderReplacesTheDefaultOfTheSameNameInAnyCase) {
    Response page{200, "text/html; charset=utf-8", "<p>", {}};
    page.headers = {{"content-security-policy", "default-src 'self'"},
                    {"Set-Cookie", "a=1"},
                    {"Set-Cookie", "b=2"},
                    {"Location", "/casos"}};
    const auto head = response_head(page, 11, true, Transport::Plain);
    EXPECT_EQ(head,
              "HTTP/1.1 200 OK\r\n"
              "Server: retorno\r\n"
              "Content-Type: text/html; charset=utf-8\r\n"
              "Cache-Control: no-store\r\n"
              "X-Content-Type-Options: nosniff\r\n"
              "X-Frame-Options: DENY\r\n"
              "Content-Security-Policy: default-src 'self'\r\n"
              "Referrer-Policy: no-referrer\r\n"
              "Set-Cookie: a=1\r\n"
              "Set-Cookie: b=2\r\n"
              "Location: /casos\r\n"
              "Content-Length: 3\r\n"
              "\r\n");
}

TEST(ResponseHead, AHandlerCannotFrameTheMessageOrEndTheHeadersEarly) {
    Response answer = json(200, "abc");
    answer.headers = {{"Content-Length", "999"},
                      {"connection", "close"},
                      {"Transfer-Encoding", "chunked"},
                      {"Content-Disposition", "attachment; filename=\"a\r\n\r\nHTTP/1.1 200 OK\""},
                      {"X-Evil\r\nInjected", std::string("v\0w", 3)}};
    const auto head = response_head(answer, 11, true, Transport::Plain);
    EXPECT_EQ(head.find("999"), std::string::npos) << head;
    EXPECT_EQ(head.find("chunked"), std::string::npos) << head;
    EXPECT_EQ(head.find("Connection"), std::string::npos) << head;
    EXPECT_NE(head.find("Content-Disposition: attachment; filename=\"aHTTP/1.1 200 OK\"\r\n"),
              std::string::npos)
        << head;
    EXPECT_NE(head.find("X-EvilInjected: vw\r\n"), std::string::npos) << head;
    // One empty line, at the end: the block has exactly the lines it was given.
    EXPECT_EQ(head.find("\r\n\r\n"), head.size() - 4) << head;
    EXPECT_TRUE(head.ends_with("Content-Length: 3\r\n\r\n")) << head;
}

}  // namespace
}  // namespace retorno::http
