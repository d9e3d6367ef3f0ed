// The administration pages: administrators list and add institutions and users, disable a user
// and reset a password, through access::Directory (the same as `retorno user …`); every change
// is audited; bad input is refused next to its field and changes nothing; other roles, and
// posts without the CSRF token, are refused.

#include <gtest/gtest.h>

#include "support/api/page_client.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

constexpr const char* kNewPassword = "una clave nueva de prueba";

class AdminPages : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        admin_user = server.add_user(server.institution(), {Role::Administrator}, "admin");
        caseworker = server.add_user(server.institution(), {Role::Caseworker}, "caseworker");
    }

    PageClient signed_in(const std::string& username,
                         const std::string& password = TestServer::kTestPassword) {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in(username, password)) << username;
        return client;
    }

    // The audit entries of one action, oldest first.
    std::vector<AuditEntry> audited(const std::string& action) {
        std::vector<AuditEntry> found;
        auto entries = server.store().audit_entries(0, 1000, "").value();
        for (const auto& entry : entries) {
            if (entry.action == action)
                found.push_back(entry);
        }
        return found;
    }

    std::size_t institution_count() { return server.store().list_institutions().value().size(); }
    std::size_t user_count() { return server.store().list_users().value().size(); }

    TestServer server;
    User admin_user;
    User caseworker;
};

TEST_F(AdminPages, AnAdministratorListsAndAddsAnInstitution) {
    auto admin = signed_in("admin");
    auto list = admin.get("/admin/institutions");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_NE(list.body.find(server.institution().name), std::string::npos);
    EXPECT_NE(list.body.find("href=\"/admin/users\""), std::string::npos);
    auto added = admin.post("/admin/institutions", {{"country", "GT"},
                                                    {"type", "Consulate"},
                                                    {"name", "Consulado de prueba en Tapachula"},
                                                    {"parent", server.institution().id.to_string()},
                                                    {"require_totp", "yes"}});
    ASSERT_EQ(added.status, 303) << added.body;
    EXPECT_EQ(added.header("location"), "/admin/institutions?done=institution_added");
    auto after = admin.get("/admin/institutions?done=institution_added");
    EXPECT_NE(after.body.find("Consulado de prueba en Tapachula"), std::string::npos);
    EXPECT_NE(after.body.find("La institución se añadió."), std::string::npos);

    std::optional<Institution> stored;
    auto institutions = server.store().list_institutions().value();
    for (const auto& institution : institutions) {
        if (institution.name == "Consulado de prueba en Tapachula")
            stored = institution;
    }
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->country, "GT");
    EXPECT_EQ(stored->parent, server.institution().id);
    EXPECT_TRUE(server.store().totp_required(stored->id).value());
    auto entries = audited("institution_added");
    ASSERT_EQ(entries.size(), 1U);
    EXPECT_EQ(entries[0].actor_user, admin_user.id.to_string());
    EXPECT_EQ(entries[0].reason, "institution " + stored->id.to_string());
}

TEST_F(AdminPages, ABadInstitutionIsRefusedNextToItsFieldAndChangesNothing) {
    auto admin = signed_in("admin");
    admin.get("/admin/institutions");
    auto before = institution_count();
    auto bad_country = admin.post("/admin/institutions",
                                  {{"country", "XX"}, {"type", "NGO"}, {"name", "Una ONG"}});
    EXPECT_EQ(bad_country.status, 400);
    EXPECT_NE(bad_country.body.find("<small id=\"a-country-error\" class=\"error\">Elija un país."),
              std::string::npos)
        << bad_country.body;
    EXPECT_NE(bad_country.body.find("value=\"Una ONG\""), std::string::npos);  // kept
    auto no_name =
        admin.post("/admin/institutions", {{"country", "GT"}, {"type", "NGO"}, {"name", "  "}});
    EXPECT_EQ(no_name.status, 400);
    EXPECT_NE(no_name.body.find("id=\"a-name-error\""), std::string::npos);
    auto bad_type = admin.post("/admin/institutions?lang=en",
                               {{"country", "GT"}, {"type", "Bakery"}, {"name", "Una ONG"}});
    EXPECT_EQ(bad_type.status, 400);
    EXPECT_NE(bad_type.body.find("Choose a type of institution."), std::string::npos);
    auto bad_parent = admin.post(
        "/admin/institutions",
        {{"country", "GT"}, {"type", "NGO"}, {"name", "Una ONG"}, {"parent", "nonsense"}});
    EXPECT_EQ(bad_parent.status, 400);
    EXPECT_NE(bad_parent.body.find("id=\"a-parent-error\""), std::string::npos);
    EXPECT_EQ(institution_count(), before);
    EXPECT_TRUE(audited("institution_added").empty());
}

// The parent of an institution (where its overdue tasks escalate) is changed on the same page;
// a parent below the institution, the institution itself or an unknown one is refused next to
// its field and changes nothing; removing the parent leaves none. Each change is audited.
TEST_F(AdminPages, AnAdministratorSetsTheInstitutionAnInstitutionAnswersTo) {
    auto committee = server.add_institution("MX", "CentralGovernmentOrganisation");
    const auto authority = server.institution().id.to_string();
    auto admin = signed_in("admin");
    auto page = admin.get("/admin/institutions");
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("action=\"/admin/institutions/parent#parent\""), std::string::npos);
    auto set = admin.post("/admin/institutions/parent",
                          {{"institution", authority}, {"parent", committee.id.to_string()}});
    EXPECT_EQ(set.status, 303) << set.body;
    EXPECT_EQ(server.store().find_institution(server.institution().id).value()->parent,
              committee.id);
    EXPECT_EQ(audited("institution_parent_set").size(), 1u);
    EXPECT_NE(admin.get("/admin/institutions?done=institution_parent_set")
                  .body.find("La institución superior se cambió"),
              std::string::npos);

    // The committee under the authority would make a circle; so would the authority itself.
    const std::vector<std::pair<std::string, std::string>> circles{
        {committee.id.to_string(), authority}, {authority, authority}};
    for (const auto& [institution, parent] : circles) {
        auto circle = admin.post("/admin/institutions/parent",
                                 {{"institution", institution}, {"parent", parent}});
        EXPECT_EQ(circle.status, 409) << circle.body;
        EXPECT_NE(circle.body.find("<small id=\"p-parent-error\" class=\"error\">Esa "
                                   "institución es esta misma o está por debajo de ella"),
                  std::string::npos)
            << circle.body;
        EXPECT_NE(circle.body.find("<option value=\"" + parent + "\" selected>"), std::string::npos)
            << "the form comes back as it was sent";
    }
    auto unknown = admin.post("/admin/institutions/parent",
                              {{"institution", "nonsense"}, {"parent", authority}});
    EXPECT_EQ(unknown.status, 400);
    EXPECT_NE(unknown.body.find("id=\"p-institution-error\""), std::string::npos);
    EXPECT_EQ(server.store().find_institution(committee.id).value()->parent, std::nullopt);
    EXPECT_EQ(server.store().find_institution(server.institution().id).value()->parent,
              committee.id);
    EXPECT_EQ(audited("institution_parent_set").size(), 1u);

    // No parent: the authority answers to nobody again.
    auto none =
        admin.post("/admin/institutions/parent", {{"institution", authority}, {"parent", ""}});
    EXPECT_EQ(none.status, 303) << none.body;
    EXPECT_EQ(server.store().find_institution(server.institution().id).value()->parent,
              std::nullopt);
    EXPECT_EQ(audited("institution_parent_set").size(), 2u);
}

TEST_F(AdminPages, AnAdministratorAddsAUserWhoThenSignsIn) {
    auto admin = signed_in("admin");
    auto list = admin.get("/admin/users");
    ASSERT_EQ(list.status, 200);
    EXPECT_NE(list.body.find(">caseworker<"), std::string::npos);
    auto added = admin.post("/admin/users", {{"username", "gt.nueva"},
                                             {"display_name", "Usuaria Nueva"},
                                             {"institution", server.institution().id.to_string()},
                                             {"roles", "psychologist"},
                                             {"password", kNewPassword}});
    ASSERT_EQ(added.status, 303) << added.body;
    auto user = server.store().find_user_by_name("gt.nueva").value();
    ASSERT_TRUE(user);
    EXPECT_EQ(user->display_name, "Usuaria Nueva");
    EXPECT_EQ(user->roles, std::vector<Role>{Role::Psychologist});
    auto entries = audited("user_added");
    ASSERT_EQ(entries.size(), 1U);
    EXPECT_EQ(entries[0].actor_user, admin_user.id.to_string());
    // No password nor name in the audit trail: the user's id, roles and institution.
    EXPECT_EQ(entries[0].reason.find(kNewPassword), std::string::npos);
    EXPECT_EQ(entries[0].reason.find("gt.nueva"), std::string::npos);
    EXPECT_NE(entries[0].reason.find(user->id.to_string()), std::string::npos);
    auto nueva = signed_in("gt.nueva", kNewPassword);
    EXPECT_EQ(nueva.get("/inbox").status, 200);
}

TEST_F(AdminPages, ABadUserIsRefusedNextToItsFieldAndChangesNothing) {
    auto admin = signed_in("admin");
    admin.get("/admin/users");
    auto before = user_count();
    const std::map<std::string, std::string> good{
        {"username", "otra"},
        {"institution", server.institution().id.to_string()},
        {"roles", "caseworker"},
        {"password", kNewPassword}};
    auto short_password = good;
    short_password["password"] = "corta";
    auto reply = admin.post("/admin/users", short_password);
    EXPECT_EQ(reply.status, 400);
    EXPECT_NE(reply.body.find("id=\"a-password-error\""), std::string::npos);
    EXPECT_NE(reply.body.find("value=\"otra\""), std::string::npos);
    auto taken = good;
    taken["username"] = "caseworker";
    reply = admin.post("/admin/users", taken);
    EXPECT_EQ(reply.status, 409);
    EXPECT_NE(reply.body.find("Ese nombre de usuario ya existe."), std::string::npos);
    auto no_role = good;
    no_role.erase("roles");
    reply = admin.post("/admin/users", no_role);
    EXPECT_EQ(reply.status, 400);
    EXPECT_NE(reply.body.find("id=\"a-roles-error\""), std::string::npos);
    auto bad_role = good;
    bad_role["roles"] = "king";
    EXPECT_EQ(admin.post("/admin/users", bad_role).status, 400);
    auto bad_name = good;
    bad_name["username"] = "José Pérez";
    reply = admin.post("/admin/users", bad_name);
    EXPECT_EQ(reply.status, 400);
    EXPECT_NE(reply.body.find("id=\"a-username-error\""), std::string::npos);
    auto no_institution = good;
    no_institution["institution"] = "";
    EXPECT_EQ(admin.post("/admin/users", no_institution).status, 400);
    EXPECT_EQ(user_count(), before);
    EXPECT_TRUE(audited("user_added").empty());
}

TEST_F(AdminPages, AnAdministratorCannotDisableTheirOwnAccount) {
    auto admin = signed_in("admin");
    admin.get("/admin/users");
    auto reply = admin.post("/admin/users/" + admin_user.id.to_string() + "/disable", {});
    EXPECT_EQ(reply.status, 400) << reply.body;
    EXPECT_NE(reply.body.find("No puede desactivar su propia cuenta"), std::string::npos);
    EXPECT_FALSE(server.store().find_user(admin_user.id).value()->disabled);
    EXPECT_TRUE(audited("user_disabled").empty());
    EXPECT_EQ(admin.get("/admin/users").status, 200) << "still signed in";
}

TEST_F(AdminPages, DisablingAUserEndsTheirSessionAtOnce) {
    auto worker = signed_in("caseworker");
    EXPECT_EQ(worker.get("/inbox").status, 200);
    auto admin = signed_in("admin");
    admin.get("/admin/users");
    auto reply = admin.post("/admin/users/" + caseworker.id.to_string() + "/disable", {});
    ASSERT_EQ(reply.status, 303) << reply.body;
    EXPECT_EQ(worker.get("/inbox").status, 303);
    PageClient again(server.anonymous_client().port());
    EXPECT_FALSE(again.sign_in("caseworker", TestServer::kTestPassword));
    EXPECT_TRUE(server.store().find_user(caseworker.id).value()->disabled);
    auto entries = audited("user_disabled");
    ASSERT_EQ(entries.size(), 1U);
    EXPECT_EQ(entries[0].reason, "user " + caseworker.id.to_string());
    auto list = admin.get("/admin/users");
    EXPECT_NE(list.body.find("Desactivado"), std::string::npos);
    // An unknown user is a 404, and changes nothing.
    EXPECT_EQ(admin.post("/admin/users/" + Id::generate().to_string() + "/disable", {}).status,
              404);
}

TEST_F(AdminPages, AResetPasswordReplacesTheOldOneAndAShortOneIsRefused) {
    auto admin = signed_in("admin");
    admin.get("/admin/users");
    auto target = "/admin/users/" + caseworker.id.to_string() + "/password";
    auto refused = admin.post(target, {{"password", "corta"}});
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("id=\"p-" + caseworker.id.to_string() + "-error\""),
              std::string::npos);
    EXPECT_TRUE(audited("password_reset").empty());
    signed_in("caseworker");  // the old password still works

    auto worker = signed_in("caseworker");
    auto reset = admin.post(target, {{"password", kNewPassword}});
    ASSERT_EQ(reset.status, 303) << reset.body;
    EXPECT_EQ(worker.get("/inbox").status, 303);  // the session was closed
    PageClient old_password(server.anonymous_client().port());
    EXPECT_FALSE(old_password.sign_in("caseworker", TestServer::kTestPassword));
    signed_in("caseworker", kNewPassword);
    EXPECT_EQ(audited("password_reset").size(), 1U);
}

TEST_F(AdminPages, OtherRolesAndPostsWithoutTheTokenAreRefused) {
    auto worker = signed_in("caseworker");
    auto inbox = worker.get("/inbox");
    EXPECT_EQ(inbox.body.find("href=\"/admin/"), std::string::npos);
    EXPECT_EQ(worker.get("/admin/users").status, 403);
    EXPECT_EQ(worker.get("/admin/institutions").status, 403);
    auto before_users = user_count();
    auto before_institutions = institution_count();
    EXPECT_EQ(worker
                  .post("/admin/users", {{"username", "intrusa"},
                                         {"institution", server.institution().id.to_string()},
                                         {"roles", "administrator"},
                                         {"password", kNewPassword}})
                  .status,
              403);
    EXPECT_EQ(
        worker.post("/admin/institutions", {{"country", "GT"}, {"type", "NGO"}, {"name", "x"}})
            .status,
        403);
    EXPECT_EQ(worker.post("/admin/users/" + admin_user.id.to_string() + "/disable", {}).status,
              403);
    EXPECT_EQ(worker
                  .post("/admin/users/" + admin_user.id.to_string() + "/password",
                        {{"password", kNewPassword}})
                  .status,
              403);

    // An administrator's post without the CSRF token is refused before anything happens.
    auto admin = signed_in("admin");
    admin.get("/admin/users");
    EXPECT_EQ(admin
                  .post("/admin/users",
                        {{"username", "sin.token"},
                         {"institution", server.institution().id.to_string()},
                         {"roles", "caseworker"},
                         {"password", kNewPassword}},
                        false)
                  .status,
              403);
    EXPECT_EQ(
        admin.post("/admin/users/" + caseworker.id.to_string() + "/disable", {}, false).status,
        403);
    EXPECT_EQ(admin
                  .post("/admin/institutions",
                        {{"country", "GT"}, {"type", "NGO"}, {"name", "Sin token"}}, false)
                  .status,
              403);
    EXPECT_EQ(user_count(), before_users);
    EXPECT_EQ(institution_count(), before_institutions);
    EXPECT_FALSE(server.store().find_user(caseworker.id).value()->disabled);
    EXPECT_TRUE(audited("user_added").empty());
    EXPECT_TRUE(audited("user_disabled").empty());
    // The administrator sees the links, and no case.
    auto page = admin.get("/inbox");
    EXPECT_NE(page.body.find("href=\"/admin/institutions\""), std::string::npos);
    EXPECT_EQ(page.body.find("href=\"/cases/search\""), std::string::npos);
}

}  // namespace
}  // namespace retorno
