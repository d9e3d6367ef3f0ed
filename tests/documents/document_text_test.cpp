#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "documents/document_format.h"
#include "documents/document_strings.h"
#include "documents/pdf_text.h"
#include "reports/dashboard_charts.h"

namespace retorno {
namespace {

using protocol::Language;

// No document is half translated: both languages have the same keys, none of them empty.
TEST(DocumentStrings, SpanishAndEnglishHaveTheSameKeys) {
    auto es = documents::document_strings(Language::Es);
    auto en = documents::document_strings(Language::En);
    ASSERT_TRUE(es) << es.error().detail;
    ASSERT_TRUE(en) << en.error().detail;
    for (const auto& [key, text] : (*es)->all()) {
        EXPECT_TRUE((*en)->contains(key)) << "English lacks " << key;
        EXPECT_FALSE(text.empty()) << key;
    }
    for (const auto& [key, text] : (*en)->all()) {
        EXPECT_TRUE((*es)->contains(key)) << "Spanish lacks " << key;
        EXPECT_FALSE(text.empty()) << key;
    }
}

TEST(DocumentFormat, WritesDatesYesNoAndVocabularyInEachLanguage) {
    documents::Formatter es(**documents::document_strings(Language::Es), Language::Es);
    documents::Formatter en(**documents::document_strings(Language::En), Language::En);
    auto day = *parse_date("2026-03-20");
    EXPECT_EQ(es.date(day), "20 de marzo de 2026");
    EXPECT_EQ(en.date(day), "20 March 2026");
    EXPECT_EQ(es.date_time(*parse_timestamp("2026-03-20T14:05:00Z")),
              "20 de marzo de 2026, 14:05 UTC");
    EXPECT_EQ(es.value(true), "Sí");
    EXPECT_EQ(en.value(false), "No");
    EXPECT_EQ(es.value("safe_conduct"), "Salvoconducto");
    EXPECT_EQ(es.value("Quiere volver."), "Quiere volver.");
    EXPECT_EQ(es.country("GT"), "Guatemala");
    EXPECT_EQ(en.country("MX"), "Mexico");
    EXPECT_EQ(es.field_label("caregiver_willing"), "La persona cuidadora está dispuesta");
    EXPECT_EQ(es.fill("issued", {{"date", "hoy"}, {"institution", "DIF"}}),
              "Emitido el hoy por DIF");
}

TEST(PdfText, KeepsAccentsAndReplacesWhatTheFontCannotDraw) {
    using documents::printable_text;
    EXPECT_EQ(printable_text("Ñandú, José, Q'eqchi', ¿sí?"), "Ñandú, José, Q'eqchi', ¿sí?");
    EXPECT_EQ(printable_text("a\tb\nc"), "a b c");
    EXPECT_EQ(printable_text("bad \xff byte"), "bad \xEF\xBF\xBD byte");
    EXPECT_EQ(printable_text("cut \xC3"), "cut \xEF\xBF\xBD");
    EXPECT_EQ(printable_text("overlong \xC0\xAF"), "overlong \xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(printable_text("emoji \xF0\x9F\x98\x80"), "emoji \xEF\xBF\xBD");
    EXPECT_EQ(documents::utf8_characters("añb"), (std::vector<std::string>{"a", "ñ", "b"}));
}

TEST(ReportStrings, SpanishAndEnglishHaveTheSameKeys) {
    auto es = reports::report_strings(Language::Es);
    auto en = reports::report_strings(Language::En);
    ASSERT_TRUE(es && en);
    for (const auto& [key, text] : (*es)->all())
        EXPECT_TRUE((*en)->contains(key)) << "English lacks " << key;
    for (const auto& [key, text] : (*en)->all())
        EXPECT_TRUE((*es)->contains(key)) << "Spanish lacks " << key;
}

}  // namespace
}  // namespace retorno
