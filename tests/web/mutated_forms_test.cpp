// Mutated forms: the forms that the pages themselves show (opening a case, recording a step or
// a decision, sharing a case, the account's language, the administrators' institutions and
// users) are posted with their fields changed at random: a value the form never offers, one
// of another field, a missing field, an unknown one, a forged CSRF token. Whatever comes, the
// server answers with a page and never a 5xx, and a refused form leaves the store exactly as it
// was. The random choices come from a fixed seed, so a failure repeats; the message names the
// form and its fields. RETORNO_MUTATION_SEED=N and RETORNO_MUTATIONS=N explore other seeds and
// more posts.

#include <gtest/gtest.h>

#include <cstdint>
#include <map>

#include "support/api/page_client.h"
#include "support/api/sample_case.h"
#include "support/api/store_snapshot.h"
#include "support/api/test_server.h"
#include "support/mutation_run.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

// A form of a page: where it posts and, for each field, the values the page offers (an
// input's value, a select's options, a checkbox's value).
struct Form {
    std::string action;
    std::map<std::string, std::vector<std::string>> fields;
};

std::string attribute(const std::string& tag, const std::string& name) {
    const auto at = tag.find(" " + name + "=\"");
    if (at == std::string::npos)
        return {};
    const auto begin = at + name.size() + 3;
    return tag.substr(begin, tag.find('"', begin) - begin);
}

std::string unescape(std::string text) {
    static const std::pair<const char*, const char*> kEntities[] = {
        {"&quot;", "\""}, {"&#39;", "'"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}};
    for (const auto& [entity, character] : kEntities) {
        for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1))
            text.replace(at, std::string_view(entity).size(), character);
    }
    return text;
}

// The page's POST forms, read as a browser would submit them.
std::vector<Form> post_forms(const std::string& html) {
    std::vector<Form> forms;
    for (auto at = html.find("<form"); at != std::string::npos; at = html.find("<form", at + 1)) {
        const auto tag = html.substr(at, html.find('>', at) - at);
        if (attribute(tag, "method") != "post")
            continue;
        Form form{unescape(attribute(tag, "action")), {}};
        const auto end = html.find("</form>", at);
        std::vector<std::string>* options = nullptr;  // of the select being read
        for (auto element = html.find('<', at + 1); element < end;
             element = html.find('<', element + 1)) {
            const auto inner = html.substr(element, html.find('>', element) - element);
            const auto name = unescape(attribute(inner, "name"));
            if (inner.starts_with("<input") || inner.starts_with("<textarea")) {
                if (!name.empty() && name != "csrf")
                    form.fields[name].push_back(unescape(attribute(inner, "value")));
            } else if (inner.starts_with("<select")) {
                options = &form.fields[name];
            } else if (inner.starts_with("<option") && options != nullptr) {
                options->push_back(unescape(attribute(inner, "value")));
            } else if (inner.starts_with("</select")) {
                options = nullptr;
            }
        }
        forms.push_back(std::move(form));
    }
    return forms;
}

std::string describe(const std::string& action, const std::map<std::string, std::string>& fields,
                     bool with_csrf) {
    std::string out = "POST " + action + (with_csrf ? "" : " (no CSRF token)");
    for (const auto& [name, value] : fields)
        out += "\n  " + name + "=" + value.substr(0, 80);
    return out;
}

// Who posts, and the pages whose forms they post.
struct Poster {
    PageClient* client;
    std::vector<std::string> pages;
};

TEST(MutatedForms, AreAnsweredWithAPageAndARefusalChangesNothing) {
    TestServer server;
    server.security().addresses.set_rate(1e9, 1e9);
    server.security().sessions.set_rate(1e9, 1e9);
    server.start();
    server.add_user(server.institution(), {Role::Caseworker}, "mx.formularios");
    server.add_user(server.institution(), {Role::Administrator}, "mx.administracion");
    server.add_institution("MX", "Shelter");
    const auto case_id = testing::open_sample_case(server.client());
    ASSERT_FALSE(case_id.empty());
    PageClient worker(server.port());
    ASSERT_TRUE(worker.sign_in("mx.formularios", TestServer::kTestPassword));
    PageClient admin(server.port());
    ASSERT_TRUE(admin.sign_in("mx.administracion", TestServer::kTestPassword));
    const std::vector<Poster> posters{
        {&worker, {"/cases/new", "/cases/" + case_id, "/account"}},
        {&admin, {"/admin/users", "/admin/institutions", "/account"}},
    };
    // Forms that end the poster's own session (signing out, a new password, disabling a user)
    // would stop the test, not the server; their refusals are tested on their own pages.
    auto ends_a_session = [](const std::string& action) {
        return action == "/sign-out" || action.ends_with("/password") ||
               action.ends_with("/disable");
    };

    testing::MutationRun run(300);
    const auto seed = run.seed();
    const auto count = run.count();
    auto below = [&](std::size_t n) { return run.below(n); };
    const std::vector<std::string> weird{"",
                                         " ",
                                         std::string(20000, 'x'),
                                         "ñandú",
                                         std::string("a\0b", 3),
                                         "2026-02-30",
                                         "9999-12-31",
                                         "-1",
                                         "99999999999999999999",
                                         "ZZ",
                                         "<script>alert(1)</script>",
                                         "true",
                                         "00000000-0000-7000-8000-000000000000"};

    auto before = testing::store_snapshot(server.store());
    int refused = 0;
    int accepted = 0;
    for (std::uint64_t i = 0; i < count; ++i) {
        const auto& poster = posters[below(posters.size())];
        const auto& page = poster.pages[below(poster.pages.size())];
        const auto shown = poster.client->get(page);
        ASSERT_EQ(shown.status, 200) << page;
        std::vector<Form> forms;
        for (auto& form : post_forms(shown.body)) {
            if (!ends_a_session(form.action))
                forms.push_back(std::move(form));
        }
        ASSERT_FALSE(forms.empty()) << page << " shows no form";
        const auto& form = forms[below(forms.size())];
        std::vector<std::string> offered;  // every value the form offers, for any field
        for (const auto& [name, values] : form.fields)
            offered.insert(offered.end(), values.begin(), values.end());
        std::map<std::string, std::string> fields;
        for (const auto& [name, values] : form.fields) {
            const auto choice = below(20);
            if (choice < 11 && !values.empty())
                fields[name] = values[below(values.size())];
            else if (choice < 15)
                fields[name] = weird[below(weird.size())];
            else if (choice < 17 && !offered.empty())
                fields[name] = offered[below(offered.size())];
            // otherwise the field is left out
        }
        if (below(10) == 0)
            fields[below(2) == 0 ? "extra" : "version"] = weird[below(weird.size())];
        const bool with_csrf = below(30) != 0;
        const auto action = form.action.substr(0, form.action.find('#'));

        const auto reply = poster.client->post(action, fields, with_csrf);
        SCOPED_TRACE("post " + std::to_string(i) + " of seed " + std::to_string(seed) + " from " +
                     page + ":\n" + describe(action, fields, with_csrf) + "\nanswered " +
                     std::to_string(reply.status));
        ASSERT_NE(reply.status, 0) << "no answer";
        ASSERT_LT(reply.status, 500) << reply.body.substr(0, 2000);
        if (!with_csrf) {
            EXPECT_EQ(reply.status, 403);
        }
        if (reply.status < 400) {
            ++accepted;
            before = testing::store_snapshot(server.store());
            continue;
        }
        ++refused;
        EXPECT_TRUE(reply.header("content-type").starts_with("text/html"))
            << reply.header("content-type");
        if (reply.status == 400 || reply.status == 409 || reply.status == 428) {
            // In an alert (above the form, or the error page's), or next to the field it
            // concerns (a message of class "error", which a page shows only for a refusal).
            EXPECT_TRUE(reply.body.find("role=\"alert\"") != std::string::npos ||
                        reply.body.find("class=\"error\"") != std::string::npos)
                << "the refusal is not said on the page";
        }
        ASSERT_EQ(testing::store_snapshot(server.store()), before) << "a refusal changed the store";
    }
    EXPECT_GT(refused, static_cast<int>(count) / 3);
    EXPECT_GT(accepted, static_cast<int>(count) / 30);
}

}  // namespace
}  // namespace retorno
