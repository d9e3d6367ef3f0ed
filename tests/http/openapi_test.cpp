#include <gtest/gtest.h>

#include <set>

#include <boost/json.hpp>

#include "support/api/test_server.h"

namespace retorno {
namespace {

namespace json = boost::json;

std::string lower(std::string text) {
    for (auto& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

// The document and the router describe the same API: a route missing from the document, or a
// documented operation with no route, fails this test. The web pages (every route outside /api/
// but /healthz: /, /sign-in, /inbox, /static/... of src/web/) are HTML for browsers, not API,
// and are left out of the document; the authorisation matrix still covers them.
bool is_api_route(const std::string& pattern) {
    return pattern.starts_with("/api/") || pattern == "/healthz";
}

// The document as the server serves it.
json::object served_document(testing::TestServer& server) {
    auto reply = server.client().get("/api/v1/openapi.json");
    EXPECT_EQ(reply.status, 200);
    return json::parse(reply.body).as_object();
}

TEST(OpenApi, DescribesExactlyTheRoutesOfTheRouter) {
    testing::TestServer server;
    server.start();
    auto document = served_document(server);
    EXPECT_EQ(document.at("openapi"), "3.1.0");

    std::set<std::string> documented;
    for (const auto& [path, item] : document.at("paths").as_object()) {
        for (const auto& [method, operation] : item.as_object()) {
            if (method == "parameters")
                continue;
            documented.insert(lower(std::string(method)) + " " + std::string(path));
        }
    }
    std::set<std::string> routed;
    for (const auto& route : server.router().routes()) {
        if (!is_api_route(route.pattern))
            continue;
        routed.insert(lower(route.method) + " " + route.pattern);
    }
    for (const auto& route : routed)
        EXPECT_TRUE(documented.contains(route)) << "undocumented: " << route;
    for (const auto& op : documented)
        EXPECT_TRUE(routed.contains(op)) << "no such route: " << op;
}

// The reasons a problem may give for a refused field are listed in the document, all of them.
TEST(OpenApi, ListsEveryReasonForRefusingAField) {
    testing::TestServer server;
    server.start();
    auto document = served_document(server);
    const auto& listed = document.at("components")
                             .at("schemas")
                             .at("Problem")
                             .at("properties")
                             .at("reason")
                             .at("enum")
                             .as_array();
    std::set<std::string> documented;
    for (const auto& value : listed)
        documented.insert(std::string(value.as_string()));
    std::set<std::string> known;
    for (auto reason : all_invalid_reasons())
        known.insert(std::string(to_string(reason)));
    EXPECT_EQ(documented, known);
}

}  // namespace
}  // namespace retorno
