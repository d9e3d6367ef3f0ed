#include "synthetic/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include <boost/json.hpp>

#include "core/iso_country.h"
#include "core/iso_language.h"
#include "domain/vocabulary.h"

namespace retorno::synthetic {
namespace {

constexpr int kCases = 4000;

bool in(std::span<const std::string_view> vocabulary, const std::string& value) {
    return std::find(vocabulary.begin(), vocabulary.end(), value) != vocabulary.end();
}

std::vector<SyntheticCase> make_cases(std::uint64_t seed, int count) {
    Generator generator(seed);
    std::vector<SyntheticCase> out;
    for (int i = 0; i < count; ++i)
        out.push_back(generator.next_case());
    return out;
}

std::string as_jsonl(const std::vector<SyntheticCase>& cases) {
    std::string out;
    for (const auto& c : cases)
        out += boost::json::serialize(case_to_json(c)) + "\n";
    return out;
}

TEST(Generator, SameSeedGivesByteIdenticalOutputOtherSeedDoesNot) {
    auto a = as_jsonl(make_cases(2024, 300));
    auto b = as_jsonl(make_cases(2024, 300));
    auto c = as_jsonl(make_cases(2025, 300));
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
}

TEST(Generator, EveryValueIsValidInTheVocabulariesAndIsoTables) {
    for (const auto& c : make_cases(11, kCases)) {
        const Person& p = c.person;
        ASSERT_FALSE(p.first_name.empty());
        ASSERT_FALSE(p.second_name.empty());
        EXPECT_TRUE(in(vocabulary::gender(), p.gender)) << p.gender;
        ASSERT_EQ(p.citizenship.size(), 1u);
        EXPECT_EQ(p.citizenship[0], c.origin_country);
        EXPECT_NE(find_country(c.origin_country), nullptr);
        EXPECT_NE(find_country(c.destination_country), nullptr) << c.destination_country;
        EXPECT_NE(find_language(p.primary_language), nullptr) << p.primary_language;
        if (!p.secondary_language.empty()) {
            EXPECT_NE(find_language(p.secondary_language), nullptr);
            EXPECT_NE(p.secondary_language, p.primary_language);
        }
        const VictimContext& v = c.victim;
        EXPECT_TRUE(in(vocabulary::trafficking_status(), v.trafficking_status));
        if (!v.status_decision_org.empty()) {
            EXPECT_TRUE(in(vocabulary::status_decision_org(), v.status_decision_org));
        }
        if (!v.relationship_to_trafficker.empty()) {
            EXPECT_TRUE(in(vocabulary::relationship_to_trafficker(), v.relationship_to_trafficker));
        }
        ASSERT_FALSE(v.type_of_exploitation.empty());
        ASSERT_FALSE(v.methods_of_control.empty());
        ASSERT_FALSE(v.method_of_recruitment.empty());
        for (const auto& x : v.type_of_exploitation) {
            EXPECT_TRUE(in(vocabulary::type_of_exploitation(), x)) << x;
        }
        for (const auto& x : v.type_of_sex_exploitation) {
            EXPECT_TRUE(in(vocabulary::type_of_sex_exploitation(), x)) << x;
        }
        for (const auto& x : v.methods_of_control) {
            EXPECT_TRUE(in(vocabulary::methods_of_control(), x)) << x;
        }
        for (const auto& x : v.method_of_recruitment) {
            EXPECT_TRUE(in(vocabulary::method_of_recruitment(), x)) << x;
        }
        if (!v.forced_labour_industry.empty()) {
            EXPECT_TRUE(in(vocabulary::forced_labour_industry(), v.forced_labour_industry));
        }
        // No duplicates in a list.
        auto sorted = v.methods_of_control;
        std::sort(sorted.begin(), sorted.end());
        EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
    }
}

TEST(Generator, ChildrenAre8To17AndAbout15PercentHaveOnlyAnAgeEstimate) {
    int estimates = 0;
    for (const auto& c : make_cases(12, kCases)) {
        const Person& p = c.person;
        ASSERT_GE(std::chrono::sys_days{c.identified_on},
                  std::chrono::sys_days{kFirstIdentification});
        ASSERT_LE(std::chrono::sys_days{c.identified_on},
                  std::chrono::sys_days{kLastIdentification});
        if (p.birthdate) {
            EXPECT_FALSE(p.age_estimate);
            int age = age_in_years(*p.birthdate, c.identified_on);
            EXPECT_GE(age, 8);
            EXPECT_LE(age, 17);
        } else {
            ++estimates;
            ASSERT_TRUE(p.age_estimate);
            ASSERT_TRUE(p.age_estimate_date);
            EXPECT_EQ(*p.age_estimate_date, c.identified_on);
            EXPECT_GE(*p.age_estimate, 6);
            EXPECT_LE(*p.age_estimate, 18);
        }
    }
    EXPECT_NEAR(estimates / double(kCases), 0.15, 0.03);
}

TEST(Generator, NationalitiesFollowTheRegionalFlows) {
    std::map<std::string, int> origins;
    int internal = 0;
    for (const auto& c : make_cases(13, kCases)) {
        ++origins[c.origin_country];
        internal += c.origin_country == c.destination_country ? 1 : 0;
    }
    auto share = [&](const char* code) { return origins[code] / double(kCases); };
    EXPECT_NEAR(share("GT"), 0.38, 0.03);
    EXPECT_NEAR(share("HN"), 0.27, 0.03);
    EXPECT_NEAR(share("SV"), 0.17, 0.03);
    EXPECT_GT(share("GT") + share("HN") + share("SV"), 0.75);
    EXPECT_GT(share("NI"), 0.03);
    EXPECT_GT(share("MX"), 0.03);
    // Most cases cross a border; some are internal.
    EXPECT_GT(internal, kCases / 20);
    EXPECT_LT(internal, kCases / 4);
}

TEST(Generator, NamesHaveDoubleSurnamesCompoundGivenNamesAndAccents) {
    int two_surnames = 0;
    int middle = 0;
    int accented = 0;
    int central_american = 0;
    std::map<std::string, int> first_surname;
    for (const auto& c : make_cases(14, kCases)) {
        if (c.origin_country == "BZ")
            continue;
        ++central_american;
        const Person& p = c.person;
        if (std::count(p.second_name.begin(), p.second_name.end(), ' ') == 1)
            ++two_surnames;
        if (!p.middle_name.empty())
            ++middle;
        std::string all = p.first_name + p.middle_name + p.second_name;
        if (all.find("\xC3") != std::string::npos)
            ++accented;  // á é í ó ú ñ in UTF-8
        ++first_surname[p.second_name.substr(0, p.second_name.find(' '))];
    }
    EXPECT_GT(two_surnames / double(central_american), 0.88);
    EXPECT_NEAR(middle / double(central_american), 0.68, 0.08);
    EXPECT_GT(accented / double(central_american), 0.4);
    // The skew: the most common surnames are much more frequent than the median.
    std::vector<int> counts;
    for (const auto& [name, n] : first_surname)
        counts.push_back(n);
    std::sort(counts.rbegin(), counts.rend());
    EXPECT_GT(counts.front(), 8 * counts[counts.size() / 2]);
    EXPECT_GT(first_surname["Hernández"] + first_surname["López"], kCases / 20);
}

TEST(Generator, GirlsAreTheMajorityAndSexualExploitationTheCommonestType) {
    int girls = 0;
    std::map<std::string, int> types;
    for (const auto& c : make_cases(15, kCases)) {
        girls += c.person.gender == "Feminine" ? 1 : 0;
        for (const auto& t : c.victim.type_of_exploitation)
            ++types[t];
    }
    EXPECT_NEAR(girls / double(kCases), 0.62, 0.03);
    auto top = std::max_element(types.begin(), types.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    EXPECT_EQ(top->first, "SexualExploitation");
}

TEST(Generator, JsonBodyIsAcceptedByTheDomainDecoders) {
    for (const auto& c : make_cases(16, 500)) {
        auto body = case_to_json(c);
        auto person = person_from_json(body.at("person").as_object(), "/person");
        ASSERT_TRUE(person) << person.error().field << ": " << person.error().message;
        EXPECT_EQ(person->first_name, c.person.first_name);
        EXPECT_EQ(person->birthdate, c.person.birthdate);
        auto victim = victim_context_from_json(body.at("victim").as_object(), "/victim");
        ASSERT_TRUE(victim) << victim.error().field << ": " << victim.error().message;
        EXPECT_EQ(victim->methods_of_control, c.victim.methods_of_control);
        EXPECT_EQ(body.at("origin_country").as_string(), c.origin_country);
        EXPECT_EQ(body.at("destination_country").as_string(), c.destination_country);
        EXPECT_EQ(body.size(), 4u);
    }
}

TEST(Generator, NextPersonHonoursTheNationality) {
    Generator generator(17);
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(generator.next_person("NI").citizenship, std::vector<std::string>{"NI"});
        auto belizean = generator.next_person("BZ");
        EXPECT_EQ(belizean.second_name.find("\xC3"), std::string::npos) << belizean.second_name;
    }
    // An unknown nationality falls back to the regional draw.
    auto person = generator.next_person("ZZ");
    ASSERT_EQ(person.citizenship.size(), 1u);
    EXPECT_NE(person.citizenship[0], "ZZ");
}

}  // namespace
}  // namespace retorno::synthetic
