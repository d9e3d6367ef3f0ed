#pragma once

#include <map>
#include <string>

namespace retorno::testing {

struct HttpReply {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
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

    // Sends a complete raw request and reads the reply (the server closes or sends
    // Content-Length). status 0 means the connection failed or closed without a reply.
    HttpReply raw(const std::string& bytes) const;

    HttpReply get(const std::string& target,
                  const std::map<std::string, std::string>& headers = {}) const;
    HttpReply post_json(const std::string& target, const std::string& body,
                        const std::map<std::string, std::string>& headers = {}) const;

    unsigned short port() const { return m_port; }

private:
    unsigned short m_port;
};

// Builds a request text with Host, Connection: close and Content-Length.
std::string make_request(const std::string& method, const std::string& target,
                         const std::map<std::string, std::string>& headers, const std::string& body);

}  // namespace retorno::testing
