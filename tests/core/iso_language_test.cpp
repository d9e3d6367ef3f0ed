#include "core/iso_language.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace retorno {
namespace {

TEST(IsoLanguage, HasEveryIso6391CodeAndTheRegionalLanguages) {
    std::size_t two_letter = 0;
    for (const auto& l : all_languages())
        two_letter += l.code.size() == 2 ? 1 : 0;
    EXPECT_EQ(two_letter, 184u);
    EXPECT_GE(all_languages().size(), 184u + 40u);
}

TEST(IsoLanguage, IsSortedByCodeAndCodesAreUnique) {
    auto languages = all_languages();
    for (std::size_t i = 1; i < languages.size(); ++i) {
        EXPECT_LT(languages[i - 1].code, languages[i].code) << "at index " << i;
    }
    std::set<std::string_view> alpha3;
    for (const auto& l : languages)
        alpha3.insert(l.alpha3);
    EXPECT_EQ(alpha3.size(), languages.size());
}

TEST(IsoLanguage, EveryRowIsFoundByBothCodes) {
    for (const auto& l : all_languages()) {
        ASSERT_TRUE(l.code.size() == 2 || l.code.size() == 3) << l.code;
        ASSERT_EQ(l.alpha3.size(), 3u) << l.code;
        // A language with only a three-letter code is keyed by it.
        if (l.code.size() == 3) {
            EXPECT_EQ(l.code, l.alpha3);
        }
        for (char ch : std::string(l.code) + std::string(l.alpha3)) {
            EXPECT_TRUE(ch >= 'a' && ch <= 'z') << l.code;
        }
        EXPECT_FALSE(l.name_en.empty()) << l.code;
        EXPECT_FALSE(l.name_es.empty()) << l.code;
        EXPECT_EQ(find_language(l.code), &l);
        EXPECT_EQ(find_language(l.alpha3), &l);
    }
}

TEST(IsoLanguage, FindsKnownCodes) {
    struct Known {
        const char* query;
        const char* code;
        const char* alpha3;
        const char* name_en;
    };
    const Known known[] = {
        {"es", "es", "spa", "Spanish"},
        {"spa", "es", "spa", "Spanish"},
        {"en", "en", "eng", "English"},
        {"quc", "quc", "quc", "K'iche'"},
        {"kek", "kek", "kek", "Q'eqchi'"},
        {"mam", "mam", "mam", "Mam"},
        {"cak", "cak", "cak", "Kaqchikel"},
        {"cab", "cab", "cab", "Garifuna"},
        {"miq", "miq", "miq", "Miskito"},
        {"nah", "nah", "nah", "Nahuatl languages"},
        {"nhe", "nhe", "nhe", "Eastern Huasteca Nahuatl"},
        {"tzj", "tzj", "tzj", "Tz'utujil"},
        {"poh", "poh", "poh", "Poqomchi'"},
        {"caa", "caa", "caa", "Ch'orti'"},
        {"len", "len", "len", "Lenca"},
        {"pay", "pay", "pay", "Pech"},
        {"yan", "yan", "yan", "Mayangna (Sumo, Tawahka)"},
        {"ppl", "ppl", "ppl", "Pipil (Nawat)"},
        {"zh", "zh", "zho", "Chinese"},
        {"zu", "zu", "zul", "Zulu"},
        {"aa", "aa", "aar", "Afar"},
    };
    for (const auto& k : known) {
        const Language* l = find_language(k.query);
        ASSERT_NE(l, nullptr) << k.query;
        EXPECT_EQ(l->code, k.code);
        EXPECT_EQ(l->alpha3, k.alpha3);
        EXPECT_EQ(l->name_en, k.name_en);
    }
    EXPECT_EQ(find_language("es")->name_es, "español");
    EXPECT_EQ(find_language("quc")->name_es, "k'iche'");
}

TEST(IsoLanguage, RefusesUnknownAndMalformedCodes) {
    // Upper case, unassigned, too short or long, 639-2/B bibliographic codes that differ from
    // 639-3 (ger, fre) and locale tags are refused.
    for (const char* code :
         {"ES", "Es", "SPA", "", "e", "xx", "qqq", "span", "ger", "fre", "es-GT", "es ", "spa\n"}) {
        EXPECT_EQ(find_language(code), nullptr) << '"' << code << '"';
    }
}

}  // namespace
}  // namespace retorno
