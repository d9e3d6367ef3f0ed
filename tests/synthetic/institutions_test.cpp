#include "synthetic/institutions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/iso_country.h"
#include "domain/vocabulary.h"

namespace retorno::synthetic {
namespace {

TEST(DemoInstitutions, IdsAreStableForASeedAndDifferBetweenSeeds) {
    auto a = demo_institutions();
    auto b = demo_institutions(kDemoSeed);
    auto c = demo_institutions(kDemoSeed + 1);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].id, b[i].id);
        EXPECT_EQ(a[i].parent, b[i].parent);
        EXPECT_NE(a[i].id, c[i].id);
        EXPECT_EQ(a[i].name, c[i].name);
    }
}

TEST(DemoInstitutions, IdsAreUniqueUuidV7InTableOrder) {
    auto all = demo_institutions();
    std::set<Id> ids;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto text = all[i].id.to_string();
        EXPECT_EQ(text[14], '7') << text;  // version 7
        EXPECT_TRUE(text[19] == '8' || text[19] == '9' || text[19] == 'a' || text[19] == 'b');
        ids.insert(all[i].id);
        if (i > 0) {
            EXPECT_LT(all[i - 1].id, all[i].id);
        }
    }
    EXPECT_EQ(ids.size(), all.size());
}

TEST(DemoInstitutions, EachCountryHasTheBodiesAReturnNeeds) {
    auto all = demo_institutions();
    std::map<std::string, std::set<std::string>> types;
    std::map<std::string, int> consulates;
    for (const auto& i : all) {
        EXPECT_NE(find_country(i.country), nullptr) << i.country;
        auto vocabulary = vocabulary::institution_type();
        EXPECT_NE(std::find(vocabulary.begin(), vocabulary.end(), i.type), vocabulary.end())
            << i.type;
        EXPECT_FALSE(i.name.empty());
        types[i.country].insert(i.type);
        if (i.type == "Consulate")
            ++consulates[i.country];
    }
    for (const char* country : {"SV", "GT", "HN", "MX"}) {
        for (const char* type :
             {"ForeignMinistry", "ChildProtectionAuthority", "ImmigrationService", "Prosecutor",
              "Shelter", "Consulate", "CentralGovernmentOrganisation"}) {
            EXPECT_TRUE(types[country].count(type)) << country << " lacks " << type;
        }
        EXPECT_EQ(consulates[country], 6) << country;  // one in each other country
    }
    auto named = [&](std::string_view text) {
        return std::any_of(all.begin(), all.end(), [&](const Institution& i) {
            return i.name.find(text) != std::string::npos;
        });
    };
    for (const char* body : {"CONAPINA", "DGME", "DIGRACOM", "SVET", "DINAF", "CICESCT",
                             "Centro Belén", "SRE", "OPI", "PANI",
                             "Consulado de Guatemala en "
                             "Tapachula"}) {
        EXPECT_TRUE(named(body)) << body;
    }
}

TEST(DemoInstitutions, ParentsExistInTheSameCountryAndEndAtTheCommittee) {
    auto all = demo_institutions();
    std::map<Id, const Institution*> by_id;
    for (const auto& i : all)
        by_id[i.id] = &i;
    for (const auto& i : all) {
        int steps = 0;
        const Institution* at = &i;
        while (at->parent) {
            auto it = by_id.find(*at->parent);
            ASSERT_NE(it, by_id.end()) << i.name;
            EXPECT_EQ(it->second->country, i.country) << i.name;
            at = it->second;
            ASSERT_LT(++steps, 5) << "escalation loops at " << i.name;
        }
        EXPECT_EQ(at->type, "CentralGovernmentOrganisation") << i.name;
        if (i.type == "Consulate") {
            ASSERT_TRUE(i.parent);
            EXPECT_EQ(by_id[*i.parent]->type, "ForeignMinistry");
        }
    }
}

}  // namespace
}  // namespace retorno::synthetic
