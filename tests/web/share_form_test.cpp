// The case page's share form: a share the protection of the child forbids is refused next to
// the form, in the reader's language, the form comes back as it was sent, and nothing is
// stored.

#include <gtest/gtest.h>

#include <optional>

#include <fmt/format.h>

#include "support/api/page_client.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"
#include "support/voluntary_return.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;

// A caseworker of the institution that opened the sample case, signed in to the pages. The
// sample child is Guatemalan, found in Mexico; nothing has been recorded yet.
class ShareForm : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        server.add_user(server.institution(), {Role::Caseworker}, "mx.comparte");
        case_id = testing::open_sample_case(server.client());
        ASSERT_FALSE(case_id.empty());
        worker.emplace(server.anonymous_client().port());
        ASSERT_TRUE(worker->sign_in("mx.comparte", TestServer::kTestPassword));
    }

    TestServer server;
    std::string case_id;
    std::optional<PageClient> worker;
};

TEST_F(ShareForm, AShareWithTheOriginsConsulateBeforeTheNotificationIsRefusedNextToTheForm) {
    auto consulate = server.add_institution("GT", "Consulate");
    ASSERT_EQ(worker->get("/cases/" + case_id).status, 200);
    auto refused =
        worker->post("/cases/" + case_id + "/shares", {{"institution_id", consulate.id.to_string()},
                                                       {"purpose", "verificación de identidad"},
                                                       {"legal_basis", "convenio consular"},
                                                       {"categories", "identity"}});
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_NE(refused.body.find("aún no ha sido notificado"), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("role=\"alert\" class=\"error\">El país de origen"),
              std::string::npos)
        << "the refusal is said above the share form";
    EXPECT_NE(refused.body.find("action=\"/cases/" + case_id + "/shares\""), std::string::npos)
        << "the form is shown again";
    // The form comes back as it was sent.
    EXPECT_NE(refused.body.find("value=\"verificación de identidad\""), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"convenio consular\""), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"identity\" checked"), std::string::npos);
    EXPECT_EQ(refused.body.find("value=\"health\" checked"), std::string::npos);
    EXPECT_TRUE(server.store().case_shares(*Id::parse(case_id)).value().empty());
}

// Before the origin is notified, the form does not offer the origin's authorities (the share
// would be refused) and says why; a shelter of the origin country is offered. Once the
// consular notification is recorded, the consulate is offered and the note is gone.
TEST_F(ShareForm, OffersTheOriginsAuthoritiesOnlyOnceTheOriginWasNotified) {
    const std::string consulate = server.add_institution("GT", "Consulate").id.to_string();
    const std::string shelter = server.add_institution("GT", "Shelter").id.to_string();
    const std::string note =
        "aparecen en la lista cuando se ha registrado la notificación consular";

    auto before = worker->get("/cases/" + case_id);
    ASSERT_EQ(before.status, 200);
    EXPECT_EQ(before.body.find("<option value=\"" + consulate + "\""), std::string::npos);
    EXPECT_NE(before.body.find("<option value=\"" + shelter + "\""), std::string::npos);
    EXPECT_NE(before.body.find(note), std::string::npos) << "the form says why";

    // The regional protocol up to and including the consular notification.
    int version = 1;
    for (const auto& event : testing::voluntary_return_walk()) {
        auto body = fmt::format(R"({{"kind": "{}", "step": "{}", "data": {}}})", event.kind,
                                event.step, event.data);
        auto reply = server.client().post_json("/api/v1/cases/" + case_id + "/events", body,
                                               {{"If-Match", std::to_string(version++)}});
        ASSERT_EQ(reply.status, 201) << event.step << ": " << reply.body;
        if (std::string(event.step) == "consular_notification")
            break;
    }
    auto after = worker->get("/cases/" + case_id);
    ASSERT_EQ(after.status, 200);
    EXPECT_NE(after.body.find("<option value=\"" + consulate + "\""), std::string::npos);
    EXPECT_NE(after.body.find("<option value=\"" + shelter + "\""), std::string::npos);
    EXPECT_EQ(after.body.find(note), std::string::npos);
}

// The case page says on what basis the reader's institution sees the case: the opener because
// it opened it; a shelter because the case was shared with it, for the purpose the share gives.
TEST_F(ShareForm, TheCasePageSaysWhyTheReadersInstitutionSeesTheCase) {
    auto own = worker->get("/cases/" + case_id);
    ASSERT_EQ(own.status, 200);
    EXPECT_NE(own.body.find("Su institución ve este caso porque lo abrió."), std::string::npos);

    auto shelter = server.add_institution("MX", "Shelter");
    server.add_user(shelter, {Role::Caseworker}, "mx.albergue");
    auto shared =
        worker->post("/cases/" + case_id + "/shares", {{"institution_id", shelter.id.to_string()},
                                                       {"purpose", "acogida temporal"},
                                                       {"legal_basis", "medida de protección"},
                                                       {"categories", "identity"}});
    ASSERT_EQ(shared.status, 303) << shared.body;
    PageClient recipient(server.anonymous_client().port());
    ASSERT_TRUE(recipient.sign_in("mx.albergue", TestServer::kTestPassword));
    auto seen = recipient.get("/cases/" + case_id + "?lang=en");
    ASSERT_EQ(seen.status, 200) << seen.body;
    EXPECT_NE(seen.body.find("Your institution sees this case because it was shared with it for: "
                             "acogida temporal."),
              std::string::npos)
        << seen.body;
}

}  // namespace
}  // namespace retorno
