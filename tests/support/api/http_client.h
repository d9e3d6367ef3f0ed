#pragma once

#include <map>
#include <string>
#include <vector>

namespace retorno::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::vector<std::string> set_cookies;        // every Set-Cookie header, in order
    std::string body;

    std::string header(const std::string& lower_name) const {
        auto it = headers.find(lower_name);
        return it == headers.end() ? std::string{} : it->second;
    }
};

// A deliberately plain HTTP/1.1 client over a POSIX socket: it sends exactly the bytes it is
// given, so tests can send malformed, oversized or partial requests that a real client library
// would refuse to produce.
class HttpClient {
  public:
    explicit HttpClient(unsigned short port) : m_port(port) {}

    // A copy that adds a header to every request made with get, post_json and send (headers
    // given to a call win); raw() still sends exactly its bytes.
    HttpClient with_header(const std::string& name, const std::string& value) const;
    // A copy that sends "Authorization: Bearer TOKEN".
    HttpClient with_bearer(const std::string& token) const {
        return with_header("Authorization", "Bearer " + token);
    }

    // Sends a complete raw request and reads the reply (the server closes or sends
    // Content-Length). status 0 means the connection failed or closed without a reply.
    HttpReply raw(const std::string& bytes) const;

    HttpReply get(const std::string& target,
                  const std::map<std::string, std::string>& headers = {}) const;
    HttpReply post_json(const std::string& target, const std::string& body,
                        const std::map<std::string, std::string>& headers = {}) const;

    HttpReply send(const std::string& method, const std::string& target,
                   const std::map<std::string, std::string>& headers = {},
                   const std::string& body = "") const;

    unsigned short port() const { return m_port; }

  private:
    std::map<std::string, std::string> with_defaults(
        const std::map<std::string, std::string>& headers) const;

    unsigned short m_port;
    std::map<std::string, std::string> m_default_headers;
};

// Signs in with POST /api/v1/sessions and answers the bearer token, or "" (and a test failure
// message in `problem`) when the server refused.
std::string sign_in_token(const HttpClient& client, const std::string& username,
                          const std::string& password, std::string* problem = nullptr);

// Builds a request text with Host, Connection: close and Content-Length.
std::string make_request(const std::string& method, const std::string& target,
                         const std::map<std::string, std::string>& headers,
                         const std::string& body);

}  // namespace retorno::testing
