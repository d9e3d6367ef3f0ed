// Every value a page may show from a closed vocabulary, and every reason the matcher may give,
// has its words in both languages: a caseworker never reads "DebtBondage" or
// "surnames_swapped". (Locales::load itself refuses a key present in one language only.)

#include <gtest/gtest.h>

#include "core/error.h"
#include "core/resources.h"
#include "domain/vocabulary.h"
#include "matching/match_scorer.h"
#include "web/locales.h"

namespace retorno::web {
namespace {

const Locales& locales() {
    static const Locales loaded = Locales::load(resource_root() / "locales").value();
    return loaded;
}

TEST(Locales, EveryVocabularyValueHasItsWordsInBothLanguages) {
    const std::span<const std::string_view> vocabularies[] = {
        vocabulary::gender(),
        vocabulary::trafficking_status(),
        vocabulary::status_decision_org(),
        vocabulary::relationship_to_trafficker(),
        vocabulary::method_of_recruitment(),
        vocabulary::methods_of_control(),
        vocabulary::type_of_exploitation(),
        vocabulary::type_of_sex_exploitation(),
        vocabulary::forced_labour_industry(),
        vocabulary::case_status(),
        vocabulary::institution_type(),
    };
    for (const auto& values : vocabularies) {
        for (auto value : values) {
            for (auto lang : {Lang::Es, Lang::En}) {
                EXPECT_TRUE(locales().strings(lang).contains("vocab." + std::string(value)))
                    << value << " has no label in " << (lang == Lang::Es ? "es" : "en");
            }
        }
    }
}

TEST(Locales, EveryMatchingReasonHasItsWordsInBothLanguages) {
    const auto last = static_cast<int>(matching::Reason::BirthPlaceDifferent);
    for (int i = 0; i <= last; ++i) {
        auto code = matching::reason_code(static_cast<matching::Reason>(i));
        for (auto lang : {Lang::Es, Lang::En}) {
            EXPECT_TRUE(locales().strings(lang).contains("match." + std::string(code)))
                << code << " has no words in " << (lang == Lang::Es ? "es" : "en");
        }
    }
    EXPECT_EQ(locales().text(Lang::Es, "match.surnames_swapped"),
              "mismos apellidos en orden invertido");
}

// A refused field is explained next to it in the reader's language, whatever the reason.
TEST(Locales, EveryReasonForRefusingAFieldHasItsWordsInBothLanguages) {
    for (auto reason : all_invalid_reasons()) {
        auto key = "invalid." + std::string(to_string(reason));
        for (auto lang : {Lang::Es, Lang::En}) {
            EXPECT_TRUE(locales().strings(lang).contains(key))
                << key << " has no words in " << (lang == Lang::Es ? "es" : "en");
        }
    }
    EXPECT_EQ(locales().text(Lang::Es, "invalid.in_the_future"), "La fecha es posterior a hoy.");
}

}  // namespace
}  // namespace retorno::web
