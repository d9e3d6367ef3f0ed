#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/step.h"
#include "protocol/loader.h"
#include "protocol/registry.h"
#include "support/throwaway_dir.h"

namespace retorno::protocol {
namespace {

const std::filesystem::path kRoot = RETORNO_SOURCE_ROOT;

TEST(Definitions, ShippedDefinitionsAreValid) {
    for (const auto* name : {"regional.yaml", "sv.yaml", "gt.yaml"}) {
        auto file = kRoot / "protocols" / name;
        if (!std::filesystem::exists(file))
            continue;
        auto loaded = load_definition(file, base_lookup_near(file));
        std::string problems;
        for (const auto& p : loaded.problems)
            problems += p.to_string() + "\n";
        EXPECT_TRUE(loaded.definition.has_value()) << problems;
        EXPECT_EQ(problems, "");
    }
}

TEST(Definitions, RegionalHasThePublicVocabularyInOrder) {
    auto file = kRoot / "protocols" / "regional.yaml";
    auto loaded = load_definition(file, base_lookup_near(file));
    ASSERT_TRUE(loaded.definition);
    std::vector<std::string> ids;
    for (const auto& s : loaded.definition->steps)
        ids.push_back(s.id);
    auto steps = baseline_steps();
    std::vector<std::string> expected(steps.begin(), steps.end());
    EXPECT_EQ(ids, expected);
}

// Each file of tests/data/protocol/invalid/ lists the exact problems it must produce, one
// `# expect: {FILE}:LINE:COLUMN: message` comment per problem, in order.
TEST(Definitions, MalformedFilesReportEveryProblemWithItsPlace) {
    auto dir = kRoot / "tests" / "data" / "protocol" / "invalid";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (e.path().extension() == ".yaml")
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 8u);
    for (const auto& file : files) {
        std::vector<std::string> expected;
        std::ifstream in(file);
        for (std::string line; std::getline(in, line);) {
            const std::string tag = "# expect: ";
            if (line.rfind(tag, 0) != 0)
                continue;
            auto text = line.substr(tag.size());
            auto at = text.find("{FILE}");
            if (at != std::string::npos)
                text.replace(at, 6, file.string());
            expected.push_back(text);
        }
        EXPECT_FALSE(expected.empty()) << file << " names no expected problem";
        auto loaded = load_definition(file, base_lookup_near(file));
        std::vector<std::string> actual;
        for (const auto& p : loaded.problems)
            actual.push_back(p.to_string());
        EXPECT_EQ(actual, expected) << file;
        if (actual != expected) {
            for (const auto& a : actual)
                ADD_FAILURE() << "actual: " << a;
        }
        EXPECT_FALSE(loaded.definition.has_value()) << file;
    }
}

TEST(Registry, FindsDefinitionsByIdAndVersion) {
    auto registry = ProtocolRegistry::load(kRoot / "protocols", kRoot / "calendars");
    ASSERT_TRUE(registry) << registry.error().detail;
    ASSERT_NE(registry->find("regional", 1), nullptr);
    EXPECT_EQ(registry->find("regional", 2), nullptr);
    EXPECT_EQ(registry->latest("regional"), registry->find("regional", 1));
    EXPECT_EQ(registry->find("nowhere", 1), nullptr);
}

// Where an institution type may have a task, for the policy to list those cases: the side of
// every step naming it, in any loaded definition, and the side a branch moves a step to.
TEST(Registry, NamesTheSidesOnWhichEachInstitutionTypeActs) {
    auto registry = ProtocolRegistry::load(kRoot / "protocols", kRoot / "calendars");
    ASSERT_TRUE(registry) << registry.error().detail;
    using Sides = std::set<Side>;
    EXPECT_EQ(registry->acting_sides("ChildProtectionAuthority"), (Sides{Side::Dest, Side::Orig}));
    EXPECT_EQ(registry->acting_sides("LawEnforcement"), Sides{Side::Dest});
    EXPECT_EQ(registry->acting_sides("ForeignMinistry"), Sides{Side::Dest});
    EXPECT_EQ(registry->acting_sides("Consulate"), Sides{Side::Orig});
    EXPECT_EQ(registry->acting_sides("ImmigrationService"), Sides{Side::Orig});
    // Only in a country variant: Guatemala's children's court, El Salvador's and Guatemala's
    // national councils.
    EXPECT_EQ(registry->acting_sides("Court"), Sides{Side::Orig});
    EXPECT_EQ(registry->acting_sides("CentralGovernmentOrganisation"), Sides{Side::Dest});
    // Named as supervisor only, or nowhere.
    EXPECT_EQ(registry->acting_sides("Shelter"), Sides{});
    EXPECT_EQ(registry->acting_sides("Prosecutor"), Sides{});
}

// Where an institution type supervises a step, to which the step's task is escalated when it is
// overdue: the national committees on both sides; the origin's foreign ministry, over its
// consulate's verification; the origin's child-protection authority, over the handover.
TEST(Registry, NamesTheSidesOnWhichEachInstitutionTypeSupervises) {
    auto registry = ProtocolRegistry::load(kRoot / "protocols", kRoot / "calendars");
    ASSERT_TRUE(registry) << registry.error().detail;
    using Sides = std::set<Side>;
    EXPECT_EQ(registry->supervising_sides("CentralGovernmentOrganisation"),
              (Sides{Side::Dest, Side::Orig}));
    EXPECT_EQ(registry->supervising_sides("ForeignMinistry"), Sides{Side::Orig});
    EXPECT_EQ(registry->supervising_sides("ChildProtectionAuthority"), Sides{Side::Orig});
    EXPECT_EQ(registry->supervising_sides("Consulate"), Sides{});
    EXPECT_EQ(registry->supervising_sides("LawEnforcement"), Sides{});
}

// Events carry field names, not steps: a name classified two ways would be redacted and sealed
// one way or the other depending on nothing the reader can see, so the registry refuses it.
TEST(Registry, RefusesOneFieldNameWithTwoSensitivitiesAndNamesBothPlaces) {
    testing::ThrowawayDir dir;
    std::filesystem::copy_file(kRoot / "protocols" / "regional.yaml", dir.path() / "regional.yaml");
    std::ofstream(dir.path() / "conflicting.yaml") << R"(id: conflicting
version: 1
title: A variant that classifies a field of the baseline differently
country: GT
extends: {id: regional, version: 1}
steps:
  - id: extra
    title: Extra
    side: DEST
    actor: ChildProtectionAuthority
    supervisor: CentralGovernmentOrganisation
    after: [identification]
    deadline: {days: 3, unit: calendar_days, from: identification}
    fields:
      - name: place
        type: string
        sensitivity: none
)";
    auto registry = ProtocolRegistry::load(dir.path(), kRoot / "calendars");
    ASSERT_FALSE(registry);
    const auto& detail = registry.error().detail;
    EXPECT_NE(detail.find("field 'place' is"), std::string::npos) << detail;
    EXPECT_NE(detail.find("'none'"), std::string::npos) << detail;
    EXPECT_NE(detail.find("'whereabouts'"), std::string::npos) << detail;
    EXPECT_NE(detail.find("conflicting.yaml:"), std::string::npos) << detail;
    EXPECT_NE(detail.find("regional.yaml:"), std::string::npos) << detail;
}

}  // namespace
}  // namespace retorno::protocol
