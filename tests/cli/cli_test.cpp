#include <gtest/gtest.h>

#include <fstream>

#include "store/open_store.h"
#include "support/api/child_process.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

using testing::run_program;

TEST(Cli, PrintsItsVersion) {
    EXPECT_EQ(run_program({RETORNO_BINARY, "--version"}), 0);
}

TEST(Cli, InitCreatesAPrivateDataFolderWithConfiguration) {
    testing::ThrowawayDir dir;
    auto data = dir.path() / "d";
    ASSERT_EQ(run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
    EXPECT_TRUE(std::filesystem::exists(data / "retorno.conf"));
    EXPECT_TRUE(std::filesystem::exists(data / "retorno.db"));
    auto perms = std::filesystem::status(data).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::others_all, std::filesystem::perms::none);
    EXPECT_EQ(perms & std::filesystem::perms::group_all, std::filesystem::perms::none);
    // A second init on the same folder keeps it as it is.
    EXPECT_EQ(run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
}

TEST(Cli, ServeRefusesAFolderThatWasNeverInitialised) {
    testing::ThrowawayDir dir;
    EXPECT_EQ(run_program({RETORNO_BINARY, "serve", "--data", (dir.path() / "none").string()}), 2);
}

// Sign-in exists, so serve listens on any address (tests/cli/access_commands_test.cpp serves on
// 0.0.0.0); what it refuses is a data folder whose audit signing key is missing.
TEST(Cli, ServeRefusesADataFolderWithoutItsAuditKey) {
    testing::ThrowawayDir dir;
    auto data = dir.path() / "d";
    ASSERT_EQ(run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
    std::filesystem::remove(data / "keys" / "audit-ed25519.key");
    EXPECT_EQ(
        run_program({RETORNO_BINARY, "serve", "--data", data.string(), "--listen", "0.0.0.0:0"}),
        2);
}

TEST(Cli, ServeRefusesAConfigurationWithAnUnknownSetting) {
    testing::ThrowawayDir dir;
    auto data = dir.path() / "d";
    ASSERT_EQ(run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
    std::ofstream(data / "retorno.conf", std::ios::app) << "colour = \"red\"\n";
    EXPECT_EQ(run_program({RETORNO_BINARY, "serve", "--data", data.string()}), 2);
}

TEST(Cli, InitWithDemoSeedsInstitutionsUsersAndCasesOnce) {
    testing::ThrowawayDir dir;
    auto data = dir.path() / "d";
    ASSERT_EQ(run_program(
                  {RETORNO_BINARY, "init", "--data", data.string(), "--demo", "--demo-cases", "5"}),
              0);
    auto store = open_store("", data);
    ASSERT_TRUE(store);
    EXPECT_EQ(*(*store)->count_cases(), 5);
    EXPECT_EQ((*store)->list_users()->size(), 13u);  // service/demo_data.cpp, kUsers
    EXPECT_GE((*store)->list_institutions()->size(), 28u);
}

}  // namespace
}  // namespace retorno
