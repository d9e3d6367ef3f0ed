// Mutated requests: valid requests to every route of the API that reads or writes a case, a
// session, a share or a search, changed at random and sent to the real server. Whatever a
// mutation makes of a request (a value of the wrong type, a missing or unknown member, JSON
// nested too deep or cut short, bytes that are not UTF-8, a garbled If-Match, a wrong media
// type, a strange id or query parameter), the server answers it without a 5xx; a refusal is a
// problem document that says what was wrong; and a refused request leaves the store exactly
// as it was. The table-driven bad_input_test names each kind of bad input once; this test
// finds the combinations nobody wrote down.
//
// The random choices come from a fixed seed, so a failure repeats; the message names the
// request. RETORNO_MUTATION_SEED=N and RETORNO_MUTATIONS=N explore other seeds and more
// requests, on demand.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <cstdint>
#include <functional>

#include "support/api/sample_case.h"
#include "support/api/store_snapshot.h"
#include "support/api/test_server.h"
#include "support/mutation_run.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

struct Request {
    std::string method;
    std::string target;
    std::map<std::string, std::string> headers;
    std::string body;
};

std::string describe(const Request& request) {
    std::string out = request.method + " " + request.target.substr(0, 300);
    for (const auto& [name, value] : request.headers) {
        if (name != "Authorization")
            out += "\n" + name + ": " + value.substr(0, 100);
    }
    if (!request.body.empty())
        out += "\n\n" + request.body.substr(0, 400);
    return out;
}

// Changes a request at random: its JSON body as a tree, its bytes, its target or its headers.
class Mutator {
  public:
    explicit Mutator(testing::MutationRun& run) : m_run(run) {}

    void mutate(Request& request) {
        const int changes = 1 + static_cast<int>(below(3));
        for (int i = 0; i < changes; ++i) {
            switch (below(request.body.empty() ? 2 : 4)) {
                case 0:
                    mutate_target(request.target);
                    break;
                case 1:
                    mutate_headers(request.headers);
                    break;
                case 2:
                    mutate_json(request.body);
                    break;
                default:
                    mutate_bytes(request.body);
                    break;
            }
        }
    }

  private:
    json::value weird_value() {
        switch (below(20)) {
            case 0:
                return nullptr;
            case 1:
                return true;
            case 2:
                return 0;
            case 3:
                return -1;
            case 4:
                return 1.5;
            case 5:
                return 1e308;
            case 6:
                return INT64_MAX;
            case 7:
                return "";
            case 8:
                return json::string(5000, 'x');
            case 9:
                return "ñandú";
            case 10:
                return "2026-02-30";
            case 11:
                return "9999-12-31";
            case 12:
                return "ZZ";
            case 13:
                return "gt";
            case 14:
                return json::string("a\0b", 3);
            case 15:
                return json::array();
            case 16:
                return json::object();
            case 17:
                return json::array{json::array{json::array{}}};
            case 18:
                return "00000000-0000-7000-8000-000000000000";
            default:
                return "<script>alert(1)</script>";
        }
    }

    static void collect(json::value& value, std::vector<json::value*>& into) {
        into.push_back(&value);
        if (auto* object = value.if_object()) {
            for (auto& member : *object)
                collect(member.value(), into);
        } else if (auto* array = value.if_array()) {
            for (auto& element : *array)
                collect(element, into);
        }
    }

    void mutate_json(std::string& body) {
        json::error_code error;
        json::value tree = json::parse(body, error);
        if (error) {
            mutate_bytes(body);
            return;
        }
        std::vector<json::value*> values;
        collect(tree, values);
        json::value& target = *values[below(values.size())];
        const auto step = below(5);
        if (step == 0 && target.is_object() && !target.as_object().empty()) {
            auto& object = target.as_object();
            object.erase(
                std::next(object.begin(), static_cast<std::ptrdiff_t>(below(object.size())))
                    ->key());
        } else if (step == 1 && target.is_object()) {
            static const char* const kNames[] = {"extra", "prs_Nickname", "", "kind", "version"};
            target.as_object()[kNames[below(5)]] = weird_value();
        } else if (step == 2 && target.is_array()) {
            target.as_array().push_back(weird_value());
        } else if (step == 3) {
            json::value deep = std::move(target);
            for (int depth = 0; depth < 70; ++depth)
                deep = json::array{std::move(deep)};
            target = std::move(deep);
        } else {
            target = weird_value();
        }
        body = json::serialize(tree);
    }

    void mutate_bytes(std::string& body) {
        static const char kBytes[] = {'\0', '\xff', '\xc3', '"', '{', '}', ',', '\\', ':', ' '};
        const auto at = body.empty() ? 0 : below(body.size());
        switch (below(4)) {
            case 0:
                body.resize(at);
                break;
            case 1:
                body.insert(body.begin() + static_cast<std::ptrdiff_t>(at),
                            kBytes[below(sizeof kBytes)]);
                break;
            case 2:
                if (!body.empty())
                    body[at] = kBytes[below(sizeof kBytes)];
                break;
            default:
                body += body;
                break;
        }
    }

    void mutate_target(std::string& target) {
        static const char* const kNames[] = {
            "limit", "after", "status",        "country", "after_version",
            "lang",  "x",     "prs_FirstName", "",        "%ZZ"};
        static const char* const kValues[] = {
            "-1", "0",      "abc", "%00",    "%ZZ", "99999999999999999999",
            "GT", "Closed", "",    "%C3%B1", "1e3"};
        if (chance(0.25)) {
            // Another id where the case's is: unknown, garbled, in capitals, cut short.
            const auto slash = target.find("/cases/");
            if (slash != std::string::npos && target.size() >= slash + 7 + 36) {
                const auto id = target.substr(slash + 7, 36);
                static const char* const kIds[] = {"00000000-0000-7000-8000-000000000000", "..",
                                                   "%2e%2e", "not-an-id", ""};
                std::string other = below(3) == 0   ? id.substr(0, 35)
                                    : below(2) == 0 ? std::string(kIds[below(5)])
                                                    : id + "0";
                target.replace(slash + 7, 36, other);
                return;
            }
        }
        target += target.find('?') == std::string::npos ? '?' : '&';
        target += std::string(kNames[below(10)]) + "=" + kValues[below(11)];
    }

    void mutate_headers(std::map<std::string, std::string>& headers) {
        switch (below(5)) {
            case 0:
                headers.erase("Content-Type");
                break;
            case 1:
                headers["Content-Type"] =
                    below(2) == 0 ? "text/plain" : "application/json; charset=latin1";
                break;
            case 2: {
                static const char* const kTags[] = {
                    "seven", "\"1\"", "*", "W/\"1\"", "\"-1\"", "\"99999999999999999999\"", ""};
                headers["If-Match"] = kTags[below(7)];
                break;
            }
            case 3:
                headers.erase("If-Match");
                break;
            default:
                headers["Authorization"] = below(2) == 0 ? "Bearer not-a-token" : "Basic dGVzdGVy";
                break;
        }
    }

    std::size_t below(std::size_t n) { return m_run.below(n); }
    bool chance(double p) { return m_run.chance(p); }

    testing::MutationRun& m_run;
};

class MutatedRequests : public ::testing::TestWithParam<testing::Backend> {};

TEST_P(MutatedRequests, AreAnsweredWithoutAServerErrorAndARefusalChangesNothing) {
    TestServer server(GetParam());
    // Thousands of requests from one session in seconds: no rate limit here.
    server.security().addresses.set_rate(1e9, 1e9);
    server.security().sessions.set_rate(1e9, 1e9);
    server.start();
    auto client = server.client();
    const auto case_id = testing::open_sample_case(client);
    ASSERT_FALSE(case_id.empty());
    // A case that the tester's institution is no party to: every route answers 404 for it.
    const auto elsewhere = server.add_institution("GT", "ChildProtectionAuthority");
    server.add_user(elsewhere, {Role::Caseworker}, "gt.caseworker");
    const auto hidden_case = testing::open_sample_case(
        server.anonymous_client().with_bearer(server.sign_in("gt.caseworker")));
    ASSERT_FALSE(hidden_case.empty());
    // A share goes to a shelter in Mexico: the origin's institutions may not see the case
    // before the protection screening (a protocol rule of its own, tested elsewhere).
    const auto shelter = server.add_institution("MX", "Shelter");
    // Sign-in attempts use a user of their own, whom the mutated passwords may lock out.
    server.add_user(server.institution(), {Role::Caseworker}, "mx.acceso");

    const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};
    auto current_version = [&] {
        return std::to_string(server.store().find_case(*Id::parse(case_id)).value()->version);
    };
    // Each seed is a request the server accepts as it stands (checked below whenever one goes
    // out unmutated), except the sign-in, whose user a mutated password may have locked out.
    struct Seed {
        std::function<Request()> make;
        bool accepted_as_is;
    };
    const std::vector<Seed> seeds{
        {[&] {
             return Request{"POST", "/api/v1/cases", kJson, testing::sample_case_body()};
         },
         true},
        {[&] {
             auto headers = kJson;
             headers["If-Match"] = "\"" + current_version() + "\"";
             return Request{
                 "POST", "/api/v1/cases/" + case_id + "/events", headers,
                 R"({"kind": "note_added", "data": {"cco_CaseComment": "Llamada con la tía."}})"};
         },
         true},
        {[&] {
             json::object share{{"institution_id", shelter.id.to_string()},
                                {"purpose", "Localizar a la familia"},
                                {"legal_basis", "Consentimiento de la tutora"},
                                {"categories", json::array{"identity", "whereabouts"}}};
             return Request{"POST", "/api/v1/cases/" + case_id + "/shares", kJson,
                            json::serialize(share)};
         },
         true},
        {[&] {
             return Request{"POST", "/api/v1/sessions", kJson,
                            R"({"username": "mx.acceso", "password": "test-password-2026"})"};
         },
         false},
        {[&] {
             return Request{"GET", "/api/v1/cases?limit=20&status=Active&country=GT", {}, ""};
         },
         true},
        {[&] {
             return Request{"GET", "/api/v1/cases/" + case_id, {}, ""};
         },
         true},
        {[&] {
             return Request{
                 "GET", "/api/v1/cases/" + case_id + "/events?after_version=0&limit=5", {}, ""};
         },
         true},
        {[&] {
             return Request{"GET", "/api/v1/cases/" + case_id + "/state", {}, ""};
         },
         true},
        {[&] {
             return Request{
                 "GET", "/api/v1/cases/" + case_id + "/documents/case-summary.pdf", {}, ""};
         },
         true},
        {[&] {
             return Request{
                 "GET",
                 "/api/v1/persons/candidates?prs_FirstName=Ana&prs_SecondName=L%C3%B3pez",
                 {},
                 ""};
         },
         true},
        {[&] {
             return Request{"GET", "/api/v1/reports/dashboard", {}, ""};
         },
         true},
        {[&] {
             return Request{"GET", "/api/v1/cases/" + hidden_case + "/events", {}, ""};
         },
         false},
    };

    testing::MutationRun run(400);
    const auto seed = run.seed();
    const auto count = run.count();
    Mutator mutator(run);
    auto before = testing::store_snapshot(server.store());
    int refused = 0;
    int accepted = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto& chosen = seeds[run.below(seeds.size())];
        auto request = chosen.make();
        const bool as_is = run.chance(0.1);
        if (!as_is)
            mutator.mutate(request);
        const auto reply =
            client.send(request.method, request.target, request.headers, request.body);
        SCOPED_TRACE("request " + std::to_string(i) + " of seed " + std::to_string(seed) + ":\n" +
                     describe(request) + "\nanswered " + std::to_string(reply.status) + ": " +
                     reply.body.substr(0, 300));
        ASSERT_NE(reply.status, 0) << "no answer";
        ASSERT_LT(reply.status, 500);
        if (as_is && chosen.accepted_as_is) {
            EXPECT_LT(reply.status, 400) << "a seed is refused as it stands";
        }
        if (reply.status < 400) {
            ++accepted;
            before = testing::store_snapshot(server.store());
            continue;
        }
        ++refused;
        EXPECT_EQ(reply.header("content-type"), "application/problem+json");
        json::error_code error;
        const auto problem = json::parse(reply.body, error);
        ASSERT_FALSE(error) << "the problem is not JSON";
        ASSERT_TRUE(problem.is_object());
        EXPECT_EQ(problem.at("status"), reply.status);
        EXPECT_FALSE(problem.at("title").as_string().empty());
        EXPECT_FALSE(problem.at("detail").as_string().empty());
        ASSERT_EQ(testing::store_snapshot(server.store()), before) << "a refusal changed the store";
    }
    // Both sides were exercised: most mutations are refused, and some requests went through.
    EXPECT_GT(refused, static_cast<int>(count) / 2);
    EXPECT_GT(accepted, static_cast<int>(count) / 20);
    EXPECT_EQ(client.get("/healthz").status, 200);
}

INSTANTIATE_TEST_SUITE_P(Api, MutatedRequests, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
