#include "core/iso_country.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace retorno {
namespace {

TEST(IsoCountry, HasEveryOfficiallyAssignedCode) {
    EXPECT_EQ(all_countries().size(), 249u);
}

TEST(IsoCountry, IsSortedByAlpha2WithoutDuplicates) {
    auto countries = all_countries();
    for (std::size_t i = 1; i < countries.size(); ++i) {
        EXPECT_LT(countries[i - 1].alpha2, countries[i].alpha2) << "at index " << i;
    }
    std::set<std::string_view> alpha3;
    for (const auto& c : countries)
        alpha3.insert(c.alpha3);
    EXPECT_EQ(alpha3.size(), countries.size());
}

TEST(IsoCountry, EveryRowIsWellFormed) {
    for (const auto& c : all_countries()) {
        ASSERT_EQ(c.alpha2.size(), 2u) << c.alpha2;
        ASSERT_EQ(c.alpha3.size(), 3u) << c.alpha2;
        for (char ch : std::string(c.alpha2) + std::string(c.alpha3)) {
            EXPECT_TRUE(ch >= 'A' && ch <= 'Z') << c.alpha2;
        }
        EXPECT_FALSE(c.name_en.empty()) << c.alpha2;
        EXPECT_FALSE(c.name_es.empty()) << c.alpha2;
        // Every row is found by the binary search, which proves the order too.
        EXPECT_EQ(find_country(c.alpha2), &c);
        EXPECT_EQ(find_country_alpha3(c.alpha3), &c);
    }
}

struct Known {
    const char* alpha2;
    const char* alpha3;
    const char* name_en;
    const char* name_es;
};

TEST(IsoCountry, FindsKnownCodes) {
    const Known known[] = {
        {"AD", "AND", "Andorra", "Andorra"},    // the first row
        {"ZW", "ZWE", "Zimbabwe", "Zimbabue"},  // the last row
        {"SV", "SLV", "El Salvador", "El Salvador"},
        {"GT", "GTM", "Guatemala", "Guatemala"},
        {"HN", "HND", "Honduras", "Honduras"},
        {"NI", "NIC", "Nicaragua", "Nicaragua"},
        {"CR", "CRI", "Costa Rica", "Costa Rica"},
        {"PA", "PAN", "Panama", "Panamá"},
        {"MX", "MEX", "Mexico", "México"},
        {"BZ", "BLZ", "Belize", "Belice"},
        {"US", "USA", "United States of America", "Estados Unidos de América"},
        {"CI", "CIV", "Côte d'Ivoire", "Côte d'Ivoire"},
    };
    for (const auto& k : known) {
        const Country* c = find_country(k.alpha2);
        ASSERT_NE(c, nullptr) << k.alpha2;
        EXPECT_EQ(c->alpha3, k.alpha3);
        EXPECT_EQ(c->name_en, k.name_en);
        EXPECT_EQ(c->name_es, k.name_es);
    }
}

TEST(IsoCountry, RefusesWhatIsNotAnAssignedAlpha2Code) {
    // Lower case, alpha-3, empty, too long, user-assigned (XK, ZZ), reserved (EU, UK) and
    // withdrawn (AN, YU) codes are all refused.
    for (const char* code : {"gt", "Gt", "GTM", "", "G", "GT ", " GT", "XK", "ZZ", "EU", "UK", "AN",
                             "YU", "AA", "ZA\n"}) {
        EXPECT_EQ(find_country(code), nullptr) << '"' << code << '"';
    }
    EXPECT_EQ(find_country_alpha3("gtm"), nullptr);
    EXPECT_EQ(find_country_alpha3("GT"), nullptr);
}

}  // namespace
}  // namespace retorno
