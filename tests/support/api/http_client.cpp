#include "support/api/http_client.h"

#include <boost/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstring>

namespace retorno::testing {

namespace {

HttpReply parse_reply(const std::string& text) {
    HttpReply reply;
    auto head_end = text.find("\r\n\r\n");
    if (head_end == std::string::npos || text.size() < 12)
        return reply;
    reply.status = std::stoi(text.substr(9, 3));
    std::size_t pos = text.find("\r\n") + 2;
    while (pos < head_end) {
        auto line_end = text.find("\r\n", pos);
        auto line = text.substr(pos, line_end - pos);
        auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            for (auto& c : name)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ')
                value.erase(0, 1);
            if (name == "set-cookie")
                reply.set_cookies.push_back(value);
            reply.headers[name] = value;
        }
        pos = line_end + 2;
    }
    reply.body = text.substr(head_end + 4);
    if (auto length = reply.headers.find("content-length"); length != reply.headers.end()) {
        reply.body.resize(std::min<std::size_t>(reply.body.size(), std::stoul(length->second)));
    }
    return reply;
}

}  // namespace

std::string make_request(const std::string& method, const std::string& target,
                         const std::map<std::string, std::string>& headers,
                         const std::string& body) {
    std::string out =
        method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto& [name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!body.empty() || method == "POST")
        out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    out += "\r\n" + body;
    return out;
}

HttpReply HttpClient::raw(const std::string& bytes) const {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return {};
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(m_port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return {};
    }
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            break;  // the server may refuse early (a too-large body); read its answer
        sent += static_cast<std::size_t>(n);
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        auto n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
        auto head_end = text.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            auto reply = parse_reply(text);
            auto length = reply.headers.find("content-length");
            if (length != reply.headers.end() &&
                text.size() >= head_end + 4 + std::stoul(length->second)) {
                break;
            }
        }
    }
    ::close(fd);
    return parse_reply(text);
}

HttpClient HttpClient::with_header(const std::string& name, const std::string& value) const {
    HttpClient copy = *this;
    copy.m_default_headers[name] = value;
    return copy;
}

std::map<std::string, std::string> HttpClient::with_defaults(
    const std::map<std::string, std::string>& headers) const {
    auto all = headers;
    for (const auto& [name, value] : m_default_headers)
        all.emplace(name, value);
    return all;
}

HttpReply HttpClient::get(const std::string& target,
                          const std::map<std::string, std::string>& headers) const {
    return raw(make_request("GET", target, with_defaults(headers), ""));
}

HttpReply HttpClient::post_json(const std::string& target, const std::string& body,
                                const std::map<std::string, std::string>& headers) const {
    auto all = with_defaults(headers);
    all.emplace("Content-Type", "application/json");
    return raw(make_request("POST", target, all, body));
}

HttpReply HttpClient::send(const std::string& method, const std::string& target,
                           const std::map<std::string, std::string>& headers,
                           const std::string& body) const {
    return raw(make_request(method, target, with_defaults(headers), body));
}

std::string sign_in_token(const HttpClient& client, const std::string& username,
                          const std::string& password, std::string* problem) {
    boost::json::object body{{"username", username}, {"password", password}};
    auto reply = client.post_json("/api/v1/sessions", boost::json::serialize(body));
    if (reply.status != 201) {
        if (problem != nullptr)
            *problem = std::to_string(reply.status) + " " + reply.body;
        return {};
    }
    boost::system::error_code ec;
    auto parsed = boost::json::parse(reply.body, ec);
    if (ec || !parsed.is_object() || !parsed.as_object().contains("token"))
        return {};
    return std::string(parsed.as_object().at("token").as_string());
}

}  // namespace retorno::testing
