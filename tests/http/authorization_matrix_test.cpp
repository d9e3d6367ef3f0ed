// The authorisation matrix, generated from the router's own route table: every route is called
// by an anonymous client and by a user of every role, of the institution that opened the case
// and of one that is not a party to it, and the status must be the one that
// tests/data/access/authorization_matrix.tsv gives. A new route without rows there fails here.

#include <gtest/gtest.h>

#include <sstream>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "support/api/sample_case.h"
#include "support/api/test_server.h"
#include "support/table_file.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

struct Rule {
    std::string method;
    std::string pattern;
    std::string audience;
    std::vector<std::string> roles;  // empty: any
    int status = 0;
    int line = 0;
    int used = 0;
};

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, separator))
        out.push_back(item);
    return out;
}

std::vector<Rule> load_rules() {
    std::vector<Rule> rules;
    for (const auto& row : testing::read_table_file("access/authorization_matrix.tsv")) {
        const auto& fields = row.columns;
        const auto number = static_cast<int>(row.line);
        if (fields.size() != 5) {
            ADD_FAILURE() << "matrix line " << number << " does not have 5 tab-separated fields";
            continue;
        }
        Rule rule{fields[0], fields[1], fields[2], {}, std::stoi(fields[4]), number, 0};
        if (fields[3] != "*")
            rule.roles = split(fields[3], ',');
        rules.push_back(std::move(rule));
    }
    EXPECT_FALSE(rules.empty()) << "the matrix file has no rows";
    return rules;
}

const std::vector<Role> kRoles{
    Role::Caseworker, Role::Psychologist,          Role::LegalOfficer, Role::ConsularOfficer,
    Role::Supervisor, Role::StatisticsCoordinator, Role::Administrator};

class AuthorizationMatrix : public ::testing::Test {
  protected:
    AuthorizationMatrix() : server(testing::Backend::Sqlite) {}
    void SetUp() override {
        server.start();
        m_party = server.institution();
        m_other = server.add_institution("CR", "NGO");
        m_share_target = server.add_institution("HN", "NGO");
        for (auto role : kRoles) {
            for (const auto* institution : {&m_party, &m_other}) {
                auto name = fmt::format("{}.{}", to_string(role),
                                        institution == &m_party ? "party" : "other");
                server.add_user(*institution, {role}, name);
            }
        }
        m_case_id = testing::open_sample_case(server.client());
        ASSERT_FALSE(m_case_id.empty());
    }

    std::string token_of(const std::string& username) {
        auto it = m_tokens.find(username);
        if (it != m_tokens.end())
            return it->second;
        return m_tokens[username] = server.sign_in(username);
    }

    testing::HttpReply call(const http::Route& route, const std::string& audience,
                            const std::string& username) {
        std::string target = route.pattern;
        if (auto at = target.find("{id}"); at != std::string::npos)
            target.replace(at, 4, m_case_id);
        if (auto at = target.find("{name}"); at != std::string::npos)
            target.replace(at, 6, "retorno.css");  // path parameters of the pages
        if (auto at = target.find("{step}"); at != std::string::npos)
            target.replace(at, 6, "immediate_protection");
        if (route.pattern == "/api/v1/persons/candidates")
            target += "?prs_FirstName=Ana&prs_SecondName=P%C3%A9rez";
        auto client = server.anonymous_client();
        // A web page (outside /api/) takes the same session as a cookie, and a form post
        // without its CSRF token is refused (tests/web/ posts with the token).
        const bool page = !route.pattern.starts_with("/api/") && route.pattern != "/healthz";
        if (audience != "anonymous") {
            client = page ? client.with_header("Cookie", "retorno_session=" + token_of(username))
                          : client.with_bearer(token_of(username));
        }
        std::map<std::string, std::string> headers;
        std::string body;
        if (route.method == "POST" && page) {
            headers["Content-Type"] = "application/x-www-form-urlencoded";
            body = "note=1";
        } else if (route.method == "POST") {
            headers["Content-Type"] = "application/json";
            body = "{}";
        }
        if (route.pattern == "/api/v1/sessions" && route.method == "POST" &&
            audience != "anonymous") {
            body = json::serialize(
                json::object{{"username", username}, {"password", TestServer::kTestPassword}});
        } else if (route.pattern == "/api/v1/cases" && route.method == "POST") {
            body = testing::sample_case_body();
        } else if (route.pattern == "/api/v1/cases/{id}/events" && route.method == "POST") {
            auto version = server.store().find_case(*Id::parse(m_case_id)).value()->version;
            headers["If-Match"] = std::to_string(version);
            body = R"({"kind": "note_added", "data": {"cco_CaseComment": "Nota de prueba."}})";
        } else if (route.pattern == "/api/v1/cases/{id}/shares") {
            body = json::serialize(json::object{{"institution_id", m_share_target.id.to_string()},
                                                {"purpose", "family assessment"},
                                                {"legal_basis", "court order 12/2026"},
                                                {"categories", json::array{"identity"}}});
        }
        auto reply = client.send(route.method, target, headers, body);
        if (route.method == "DELETE" && route.pattern.starts_with("/api/v1/sessions")) {
            m_tokens.erase(username);  // that session is closed now
        }
        return reply;
    }

    TestServer server;
    Institution m_party;
    Institution m_other;
    Institution m_share_target;
    std::string m_case_id;
    std::map<std::string, std::string> m_tokens;
};

TEST_F(AuthorizationMatrix, EveryRouteAnswersEveryAudienceAsTheTableSays) {
    auto rules = load_rules();
    ASSERT_FALSE(rules.empty());
    int cells = 0;
    for (const auto& route : server.router().routes()) {
        if (route.pattern.starts_with("/test/"))
            continue;
        auto check = [&](const std::string& audience, const std::string& role,
                         const std::string& username) {
            std::vector<Rule*> matching;
            for (auto& rule : rules) {
                if (rule.method != route.method || rule.pattern != route.pattern ||
                    rule.audience != audience)
                    continue;
                if (audience != "anonymous" && !rule.roles.empty() &&
                    std::find(rule.roles.begin(), rule.roles.end(), role) == rule.roles.end()) {
                    continue;
                }
                matching.push_back(&rule);
            }
            std::string cell =
                fmt::format("{} {} as {} {}", route.method, route.pattern, audience, role);
            if (matching.size() != 1) {
                ADD_FAILURE()
                    << cell << ": " << matching.size()
                    << " rules of the matrix match; exactly one must (add a rule for a new route)";
                return;
            }
            matching[0]->used++;
            auto reply = call(route, audience, username);
            EXPECT_EQ(reply.status, matching[0]->status)
                << cell << " (matrix line " << matching[0]->line << "): " << reply.body;
            ++cells;
        };
        check("anonymous", "", "");
        for (auto role : kRoles) {
            for (const char* audience : {"party", "other"}) {
                check(audience, std::string(to_string(role)),
                      fmt::format("{}.{}", to_string(role), audience));
            }
        }
    }
    for (const auto& rule : rules) {
        EXPECT_GT(rule.used, 0) << "matrix line " << rule.line << " (" << rule.method << " "
                                << rule.pattern << ") names no route of the router";
    }
    EXPECT_GE(cells, 15 * static_cast<int>(server.router().routes().size()) - 15);
}

}  // namespace
}  // namespace retorno
