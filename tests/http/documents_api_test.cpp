// The printed documents of a case over the API, checked with poppler-utils (pdfinfo, pdffonts,
// pdftotext): the PDF parses, its fonts are embedded, its text has the accents and the officials'
// names, redaction holds, a non-party gets the 404 of a missing case, and each download is
// audited. Runs on both stores.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "support/api/test_server.h"
#include "support/voluntary_return.h"

namespace retorno {
namespace {

namespace json = boost::json;
using testing::TestServer;

// Runs a command and answers what it printed on standard output ("" when it failed).
std::string output_of(const std::string& command, int* status = nullptr) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr)
        return out;
    char buffer[4096];
    while (auto read = std::fread(buffer, 1, sizeof(buffer), pipe))
        out.append(buffer, read);
    int code = ::pclose(pipe);
    if (status != nullptr)
        *status = code;
    return out;
}

// Whitespace collapsed, so that a check does not depend on where pdftotext breaks lines.
std::string collapsed(const std::string& text) {
    std::string out;
    for (char c : text) {
        bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
        if (space) {
            if (!out.empty() && out.back() != ' ')
                out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string case_body() {
    return R"({"person": {"prs_FirstName": "Ana Lucía", "prs_SecondName": "Pérez Xol",
               "prs_Birthdate": "2011-03-04", "prs_Gender": "Feminine",
               "prs_Citizenship": ["GT"], "prs_PrimaryLanguage": "es",
               "prs_MailingCity": "Tecún Umán"},
               "victim": {"vic_TypeOfExploitation": ["ForcedLabour"]},
               "origin_country": "GT", "destination_country": "MX"})";
}

class Documents : public ::testing::TestWithParam<testing::Backend> {
  protected:
    Documents() : server(GetParam()) {}
    void SetUp() override {
        server.start();
        auto client = server.client();
        auto created = client.post_json("/api/v1/cases", case_body());
        ASSERT_EQ(created.status, 201) << created.body;
        case_id = std::string(json::parse(created.body).at("id").as_string());
        std::string version = created.header("etag");
        for (const auto& event : testing::voluntary_return_walk()) {
            auto body = json::serialize(json::object{
                {"kind", event.kind}, {"step", event.step}, {"data", json::parse(event.data)}});
            auto recorded = client.post_json("/api/v1/cases/" + case_id + "/events", body,
                                             {{"If-Match", version}});
            ASSERT_EQ(recorded.status, 201) << event.step << ": " << recorded.body;
            version = recorded.header("etag");
        }
    }

    testing::HttpClient as(Role role, const Institution& institution) {
        auto name = fmt::format("{}.{}", to_string(role), ++m_users);
        server.add_user(institution, {role}, name);
        return server.anonymous_client().with_bearer(server.sign_in(name));
    }

    std::string address(const std::string& document, const std::string& query = "") const {
        return "/api/v1/cases/" + case_id + "/documents/" + document + query;
    }

    // Saves a PDF reply in the test's folder and answers its path. With
    // RETORNO_DOCUMENTS_OUTPUT set, a copy goes there too (docs/documents.md makes its
    // screenshots from them).
    std::string save(const testing::HttpReply& reply, const std::string& name) {
        auto path = (folder.path() / name).string();
        std::ofstream(path, std::ios::binary) << reply.body;
        if (const char* output = std::getenv("RETORNO_DOCUMENTS_OUTPUT"); output != nullptr) {
            std::ofstream(
                std::string(output) + "/" + testing::backend_name(GetParam()) + "-" + name,
                std::ios::binary)
                << reply.body;
        }
        return path;
    }

    // The text of a PDF reply, as pdftotext extracts it, whitespace collapsed.
    std::string text_of(const testing::HttpReply& reply, const std::string& name = "document.pdf") {
        auto path = save(reply, name);
        int status = -1;
        auto text = output_of("pdftotext -enc UTF-8 '" + path + "' - 2>/dev/null", &status);
        EXPECT_EQ(status, 0) << "pdftotext could not read the PDF";
        return collapsed(text);
    }

    TestServer server;
    testing::ThrowawayDir folder;
    std::string case_id;
    int m_users = 0;
};

TEST_P(Documents, TheHandoverRecordIsAPdfWithEmbeddedFontsAccentsAndBothOfficials) {
    auto reply = server.client().get(address("handover-record.pdf"));
    ASSERT_EQ(reply.status, 200) << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/pdf");
    EXPECT_EQ(reply.header("cache-control"), "no-store");
    ASSERT_TRUE(reply.body.starts_with("%PDF-"));
    auto path = save(reply, "handover-record.pdf");

    int status = -1;
    auto info = output_of("pdfinfo '" + path + "' 2>&1", &status);
    ASSERT_EQ(status, 0) << info;
    EXPECT_NE(info.find("Pages:"), std::string::npos) << info;

    // pdffonts: two header lines, then one line per font whose "emb" column must be "yes".
    auto fonts = output_of("pdffonts '" + path + "' 2>/dev/null", &status);
    ASSERT_EQ(status, 0);
    std::istringstream lines(fonts);
    std::string line;
    int font_lines = 0;
    for (int number = 0; std::getline(lines, line); ++number) {
        if (number < 2 || line.empty())
            continue;
        ++font_lines;
        EXPECT_NE(line.find("DejaVuSans"), std::string::npos) << line;
        EXPECT_NE(line.find(" yes "), std::string::npos) << "a font is not embedded: " << line;
    }
    EXPECT_GE(font_lines, 1) << fonts;

    auto text = text_of(reply);
    for (const char* expected :
         {"Acta de entrega y recepción de niña, niño o adolescente", "Ana Lucía", "Pérez Xol",
          "4 de marzo de 2011", "Guatemala", "México", "Aeropuerto Internacional La Aurora",
          "Begoña Núñez Ibáñez", "José Ángel Cú Pérez", "DIF Nacional", "Firma y sello",
          "Retorno a la familia", "Abuela o abuelo", "Rúbricas"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected << "\n"
                                                          << text;
    }
}

TEST_P(Documents, EveryDocumentIsSpanishByDefaultAndEnglishOnRequest) {
    auto client = server.client();
    const std::vector<std::tuple<const char*, const char*, const char*>> documents{
        {"handover-record.pdf", "Acta de entrega", "Record of the handover"},
        {"case-summary.pdf", "Resumen del caso para la determinación del interés superior",
         "Case summary for the best-interests determination"},
        {"escort-authorisation.pdf", "Autorización de traslado acompañado", "Escort authorisation"},
    };
    for (const auto& [name, spanish, english] : documents) {
        auto es = client.get(address(name));
        ASSERT_EQ(es.status, 200) << name << ": " << es.body;
        EXPECT_NE(text_of(es, std::string("es-") + name).find(spanish), std::string::npos) << name;
        auto en = client.get(address(name, "?lang=en"));
        ASSERT_EQ(en.status, 200) << name << ": " << en.body;
        auto text = text_of(en, std::string("en-") + name);
        EXPECT_NE(text.find(english), std::string::npos) << name << "\n" << text;
        EXPECT_EQ(text.find(spanish), std::string::npos) << name;
    }
    auto summary = text_of(client.get(address("case-summary.pdf")));
    for (const char* expected : {"Quiere volver con su abuela.", "Panel de la Procuraduría",
                                 "Determinación del interés superior",
                                 "Procedimiento de asilo o refugio", "Trabajo forzoso"}) {
        EXPECT_NE(summary.find(expected), std::string::npos) << expected << "\n" << summary;
    }
    auto escort = text_of(client.get(address("escort-authorisation.pdf")));
    for (const char* expected : {"Begoña Núñez Ibáñez", "20 de marzo de 2026", "Aéreo",
                                 "Salvoconducto SC-2026-0042", "nunca viaja solo"}) {
        EXPECT_NE(escort.find(expected), std::string::npos) << expected << "\n" << escort;
    }
}

// Each role's document shows what its categories allow, and nothing else: a psychologist does
// not see where the child lives (whereabouts); a consular officer does not see how the child was
// exploited (exploitation).
TEST_P(Documents, RedactionHoldsInThePdfAsInTheApi) {
    const auto& party = server.institution();
    auto caseworker = text_of(as(Role::Caseworker, party).get(address("case-summary.pdf")));
    auto psychologist = text_of(as(Role::Psychologist, party).get(address("case-summary.pdf")));
    auto consul = text_of(as(Role::ConsularOfficer, party).get(address("case-summary.pdf")));
    for (const auto* text : {&caseworker, &psychologist, &consul})
        EXPECT_NE(text->find("Ana Lucía"), std::string::npos) << *text;

    EXPECT_NE(caseworker.find("Tecún Umán"), std::string::npos) << caseworker;
    EXPECT_EQ(psychologist.find("Tecún Umán"), std::string::npos) << psychologist;

    const char* exploitation = "Trabajo forzoso en una finca cafetalera.";
    EXPECT_NE(psychologist.find(exploitation), std::string::npos) << psychologist;
    EXPECT_EQ(consul.find(exploitation), std::string::npos) << consul;
    // The caregiver's name is identity (protocols/regional.yaml): the consulate, which hands the
    // child over to her, sees it; that a step field is hidden or shown follows its protocol.
    EXPECT_NE(consul.find("Rosa Xol Caal"), std::string::npos) << consul;
}

TEST_P(Documents, AnotherInstitutionGetsTheAnswerOfAMissingCase) {
    auto outsider = as(Role::Supervisor, server.add_institution("CR", "NGO"));
    for (const std::string kind :
         {"handover-record.pdf", "case-summary.pdf", "escort-authorisation.pdf"}) {
        auto hidden = outsider.get(address(kind));
        auto missing =
            outsider.get("/api/v1/cases/" + Id::generate().to_string() + "/documents/" + kind);
        EXPECT_EQ(hidden.status, 404) << kind;
        EXPECT_EQ(missing.status, 404) << kind;
        auto hidden_body = json::parse(hidden.body).as_object();
        auto missing_body = json::parse(missing.body).as_object();
        hidden_body.erase("instance");
        missing_body.erase("instance");
        EXPECT_EQ(hidden_body, missing_body) << kind;
        EXPECT_EQ(hidden.body.find("Ana"), std::string::npos);
    }
}

TEST_P(Documents, EachDownloadIsAuditedAsARead) {
    auto entries = [&] { return server.store().audit_entries(0, 100000, case_id).value(); };
    auto before = entries().size();
    ASSERT_EQ(server.client().get(address("escort-authorisation.pdf")).status, 200);
    auto after = entries();
    ASSERT_EQ(after.size(), before + 1);
    EXPECT_EQ(after.back().action, "read");
    EXPECT_NE(after.back().reason.find("download escort authorisation"), std::string::npos)
        << after.back().reason;
    EXPECT_NE(after.back().categories.find("identity"), std::string::npos);

    // A refused download (another institution) is audited as a refusal, with no data read.
    auto outsider = as(Role::Supervisor, server.add_institution("CR", "NGO"));
    ASSERT_EQ(outsider.get(address("handover-record.pdf")).status, 404);
    auto refused = entries();
    ASSERT_EQ(refused.size(), before + 2);
    EXPECT_EQ(refused.back().action, "access_refused");
    EXPECT_EQ(refused.back().categories, "");
}

INSTANTIATE_TEST_SUITE_P(Api, Documents, ::testing::ValuesIn(testing::kBothBackends),
                         [](const auto& info) { return testing::backend_name(info.param); });

}  // namespace
}  // namespace retorno
