// The search before a case is opened: the person index finds the child under the spellings of
// another register and says why, only among the cases the user may see; a search it cannot run
// says so next to the field; each case shown is recorded in the audit trail.

#include <gtest/gtest.h>

#include <map>

#include "support/api/page_client.h"
#include "support/api/sample_case.h"
#include "support/api/test_server.h"

namespace retorno {
namespace {

using testing::PageClient;
using testing::TestServer;
using testing::url_encode;

class SearchPage : public ::testing::Test {
  protected:
    void SetUp() override {
        server.start();
        server.add_user(server.institution(), {Role::Caseworker}, "mx.caseworker");
        case_id = testing::open_sample_case(server.client());
        ASSERT_FALSE(case_id.empty());
        auto elsewhere = server.add_institution("SV", "ChildProtectionAuthority");
        server.add_user(elsewhere, {Role::Caseworker}, "sv.caseworker");
    }

    PageClient signed_in(const std::string& username) {
        PageClient client(server.anonymous_client().port());
        EXPECT_TRUE(client.sign_in(username, TestServer::kTestPassword)) << username;
        return client;
    }

    static std::string search(const std::string& given, const std::string& surnames,
                              const std::string& more = "") {
        return "/cases/search?given_names=" + url_encode(given) +
               "&surnames=" + url_encode(surnames) + more;
    }

    std::size_t audited_reads() {
        std::size_t count = 0;
        const auto entries = server.store().audit_entries(0, 1000, case_id).value();
        for (const auto& entry : entries)
            count += entry.action == "read" ? 1 : 0;
        return count;
    }

    TestServer server;
    std::string case_id;
};

// The sample child is "Ana Lucía" "Pérez Xol", Guatemalan.
TEST_F(SearchPage, FindsTheChildUnderAnotherRegistersSpellingAndSaysWhy) {
    auto worker = signed_in("mx.caseworker");
    const auto reads_before = audited_reads();
    auto found = worker.get(search("ana lucia", "XOL PEREZ", "&nationality=GT"));
    ASSERT_EQ(found.status, 200) << found.body;
    EXPECT_NE(found.body.find("href=\"/cases/" + case_id + "\""), std::string::npos);
    EXPECT_NE(found.body.find("mismos apellidos en orden invertido"), std::string::npos);
    EXPECT_NE(found.body.find("misma nacionalidad"), std::string::npos);
    EXPECT_EQ(audited_reads(), reads_before + 1);
    // The link to a new case carries what was searched, encoded.
    EXPECT_NE(found.body.find("prs_SecondName=XOL%20PEREZ"), std::string::npos);

    worker.set_cookie("retorno_lang", "en");
    auto english = worker.get(search("Ana", "Perez Xol"));
    ASSERT_EQ(english.status, 200) << english.body;
    EXPECT_NE(english.body.find("same surnames"), std::string::npos);
}

TEST_F(SearchPage, AnotherChildOrAnUninvolvedInstitutionFindsNothing) {
    auto worker = signed_in("mx.caseworker");
    auto other = worker.get(search("Roberto", "Mejía Castro"));
    ASSERT_EQ(other.status, 200);
    EXPECT_EQ(other.body.find("href=\"/cases/" + case_id + "\""), std::string::npos);

    const auto reads_before = audited_reads();
    auto outsider = signed_in("sv.caseworker");
    auto hidden = outsider.get(search("Ana Lucía", "Pérez Xol"));
    ASSERT_EQ(hidden.status, 200) << hidden.body;
    EXPECT_NE(hidden.body.find("id=\"results-title\""), std::string::npos);
    EXPECT_EQ(hidden.body.find("href=\"/cases/" + case_id + "\""), std::string::npos);
    EXPECT_EQ(audited_reads(), reads_before);
}

TEST_F(SearchPage, ASearchItCannotRunSaysWhyNextToTheField) {
    auto worker = signed_in("mx.caseworker");
    const auto reads_before = audited_reads();
    auto no_name = worker.get(search(" ", "", "&birthdate=2011-03-04"));
    EXPECT_EQ(no_name.status, 400);
    EXPECT_NE(no_name.body.find("id=\"q-name-error\""), std::string::npos) << no_name.body;
    EXPECT_NE(no_name.body.find("Escriba al menos un nombre o un apellido."), std::string::npos);
    EXPECT_EQ(no_name.body.find("results-title"), std::string::npos);

    auto future = worker.get(search("Ana", "Pérez", "&birthdate=2999-01-01"));
    EXPECT_EQ(future.status, 400);
    EXPECT_NE(future.body.find("id=\"q-birthdate-error\""), std::string::npos);
    EXPECT_NE(future.body.find("aria-invalid=\"true\""), std::string::npos);

    auto too_long = worker.get(search(std::string(300, 'a'), "Pérez"));
    EXPECT_EQ(too_long.status, 400);
    EXPECT_NE(too_long.body.find("demasiado largo"), std::string::npos);
    EXPECT_EQ(audited_reads(), reads_before);
}

// The form the search leads to: a refused field is marked next to it and nothing is stored;
// a complete form opens the case and goes to its page.
TEST_F(SearchPage, TheNewCaseFormRefusesABadFieldNextToItAndStoresNothing) {
    auto worker = signed_in("mx.caseworker");
    ASSERT_EQ(worker.get("/cases/new?prs_FirstName=Mar%C3%ADa&prs_SecondName=Ixcoy").status, 200);
    const auto cases_before = server.store().count_cases().value();
    std::map<std::string, std::string> form{
        {"prs_FirstName", "María"},      {"prs_SecondName", "Ixcoy Tum"},
        {"prs_Birthdate", "2999-01-01"}, {"prs_Citizenship", "GT"},
        {"origin_country", "GT"},        {"destination_country", "MX"}};
    auto refused = worker.post("/cases/new", form);
    EXPECT_EQ(refused.status, 400);
    EXPECT_NE(refused.body.find("id=\"n-birthdate-error\""), std::string::npos) << refused.body;
    EXPECT_NE(refused.body.find("La fecha es posterior a hoy."), std::string::npos);
    EXPECT_NE(refused.body.find("value=\"Ixcoy Tum\""), std::string::npos);
    EXPECT_EQ(server.store().count_cases().value(), cases_before);

    // In English the same refusal says why in English, next to the same field.
    worker.set_cookie("retorno_lang", "en");
    form["prs_Birthdate"] = "2011-02-30";
    auto impossible = worker.post("/cases/new", form);
    EXPECT_EQ(impossible.status, 400);
    EXPECT_NE(impossible.body.find("id=\"n-birthdate-error\""), std::string::npos);
    EXPECT_NE(impossible.body.find("This is not a real date"), std::string::npos)
        << impossible.body;
    EXPECT_EQ(server.store().count_cases().value(), cases_before);
    worker.set_cookie("retorno_lang", "es");

    form["prs_Birthdate"] = "2012-07-19";
    auto opened = worker.post("/cases/new", form);
    EXPECT_EQ(opened.status, 303) << opened.body;
    EXPECT_EQ(server.store().count_cases().value(), cases_before + 1);
}

// Every field of the form says its own refusal next to it, including the values no browser
// sends from this form (a country or an exploitation type it does not offer, a list item): a
// refusal never comes back as the same form without a word. Nothing is stored.
TEST_F(SearchPage, TheNewCaseFormSaysEveryRefusalNextToItsField) {
    auto worker = signed_in("mx.caseworker");
    const auto cases_before = server.store().count_cases().value();
    const std::map<std::string, std::string> valid{{"prs_FirstName", "María"},
                                                   {"origin_country", "GT"},
                                                   {"destination_country", "MX"},
                                                   {"vic_TypeOfExploitation", "ForcedLabour"}};
    struct Refusal {
        const char* field;
        std::string value;
        const char* message_id;
    };
    const Refusal refusals[] = {
        {"prs_FirstName", "", "n-first-error"},
        {"prs_SecondName", std::string(201, 'x'), "n-second-error"},
        {"age_estimate", "12 años", "n-age-error"},
        {"age_estimate", "1e1", "n-age-error"},
        {"prs_Gender", "F", "n-gender-error"},
        {"prs_Citizenship", "XX", "n-citizenship-error"},
        {"prs_PrimaryLanguage", "klingon", "n-language-error"},
        {"prs_MailingCity", std::string(201, 'x'), "n-city-error"},
        {"destination_country", "ZZ", "n-destination-error"},
        {"origin_country", "ZZ", "n-origin-error"},
        {"vic_TypeOfExploitation", "Mendicidad", "n-exploitation-error"},
    };
    for (const auto& refusal : refusals) {
        ASSERT_EQ(worker.get("/cases/new").status, 200);
        auto form = valid;
        form[refusal.field] = refusal.value;
        auto refused = worker.post("/cases/new", form);
        EXPECT_EQ(refused.status, 400) << refusal.field << "=" << refusal.value;
        EXPECT_NE(
            refused.body.find("id=\"" + std::string(refusal.message_id) + "\" class=\"error\""),
            std::string::npos)
            << refusal.field << "=" << refusal.value << " is not said next to its field";
        // The field (or its fieldset) names the message in its aria-describedby.
        const auto named = refused.body.find(std::string(refusal.message_id) + "\"");
        EXPECT_NE(refused.body.find(std::string(refusal.message_id), named + 1), std::string::npos)
            << refusal.field << ": the field does not point to its message";
        EXPECT_EQ(server.store().count_cases().value(), cases_before);
    }
    ASSERT_EQ(worker.get("/cases/new").status, 200);
    EXPECT_EQ(worker.post("/cases/new", valid).status, 303) << "the valid form opens the case";
}

}  // namespace
}  // namespace retorno
