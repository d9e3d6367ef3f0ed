// The access-control commands end to end: init creates the audit key, institution and user
// commands fill the directory, serve listens on any address and requires sign-in, and
// `audit verify` catches a hand-made change to the audit log.

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <csignal>

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <boost/json.hpp>

#include "store/sqlite/sqlite_connection.h"
#include "support/api/child_process.h"
#include "support/api/http_client.h"
#include "support/file_text.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

using testing::read_file;
using testing::run_program;

// Runs a shell command line (for pipes and redirections) and answers its exit status.
int shell(const std::string& command) {
    return run_program({"/bin/sh", "-c", command});
}

// The first column of every row that `sql` selects from the data folder's SQLite file.
std::vector<std::string> first_column(const std::filesystem::path& data, const std::string& sql) {
    auto db = sqlite::Connection::open(data / "retorno.db", sqlite::Durability::Normal).value();
    auto query = db->prepare(sql).value();
    std::vector<std::string> out;
    while (query.step().value())
        out.push_back(query.text(0));
    return out;
}

class AccessCommands : public ::testing::Test {
  protected:
    void SetUp() override {
        data = dir.path() / "d";
        ASSERT_EQ(run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
    }
    std::string retorno() const { return std::string(RETORNO_BINARY); }

    testing::ThrowawayDir dir;
    std::filesystem::path data;
};

TEST_F(AccessCommands, InitCreatesAnOwnerOnlyAuditKey) {
    auto key = data / "keys" / "audit-ed25519.key";
    struct stat info {};
    ASSERT_EQ(::stat(key.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    ASSERT_EQ(::stat((data / "keys").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);
    auto before = read_file(key);
    ASSERT_EQ(run_program({RETORNO_BINARY, "init", "--data", data.string()}), 0);
    EXPECT_EQ(read_file(key), before) << "init must keep an existing key";
}

// `institution set-parent` sets the institution another answers to (where its overdue tasks
// escalate), refuses a circle with exit status 1 and leaves the parent as it was, and without
// --parent leaves none; each change is audited.
TEST_F(AccessCommands, SetParentSetsTheInstitutionAnotherAnswersToAndRefusesACircle) {
    auto add = [&](const char* type) {
        auto out = dir.path() / "id.txt";
        EXPECT_EQ(shell(fmt::format("{} institution add --data {} --country HN --type {} "
                                    "--name 'Institución de prueba' > {}",
                                    retorno(), data.string(), type, out.string())),
                  0);
        auto id = read_file(out);
        id.erase(id.find_last_not_of("\n") + 1);
        return id;
    };
    const auto committee = add("CentralGovernmentOrganisation");
    const auto authority = add("ChildProtectionAuthority");
    auto parent_of = [&](const std::string& id) {
        return first_column(
            data, "SELECT coalesce(parent_id, '') FROM institutions WHERE id = '" + id + "'");
    };
    auto set_parent = [&](const std::vector<std::string>& options) {
        std::vector<std::string> command{RETORNO_BINARY, "institution", "set-parent", "--data",
                                         data.string()};
        command.insert(command.end(), options.begin(), options.end());
        return run_program(command);
    };
    EXPECT_EQ(set_parent({"--institution", authority, "--parent", committee}), 0);
    EXPECT_EQ(parent_of(authority), std::vector<std::string>{committee});
    EXPECT_EQ(set_parent({"--institution", committee, "--parent", authority}), 1);
    EXPECT_EQ(parent_of(committee), std::vector<std::string>{""});
    EXPECT_EQ(set_parent({"--institution", "nonsense", "--parent", committee}), 1);
    EXPECT_EQ(set_parent({"--institution", authority}), 0);
    EXPECT_EQ(parent_of(authority), std::vector<std::string>{""});

    const auto reasons = first_column(
        data, "SELECT reason FROM audit_log WHERE action = 'institution_parent_set' ORDER BY seq");
    EXPECT_EQ(reasons,
              (std::vector<std::string>{"institution " + authority + " parent " + committee,
                                        "institution " + authority + " parent none"}));
}

TEST_F(AccessCommands, UsersSignInToAServerOnAnyAddressAndAuditVerifies) {
    auto out = dir.path() / "out.txt";
    ASSERT_EQ(shell(fmt::format(
                  "{} institution add --data {} --country GT --type ChildProtectionAuthority "
                  "--name 'Procuraduría de prueba' > {}",
                  retorno(), data.string(), out.string())),
              0);
    auto institution = read_file(out);
    institution.erase(institution.find_last_not_of("\n") + 1);
    ASSERT_EQ(institution.size(), 36u) << institution;
    EXPECT_NE(shell(fmt::format("{} institution add --data {} --country XX --type NGO --name x",
                                retorno(), data.string())),
              0);
    ASSERT_EQ(
        shell(fmt::format("echo 'una clave muy larga 2026' | {} user add --data {} --username ana "
                          "--institution {} --role caseworker --password-stdin",
                          retorno(), data.string(), institution)),
        0);
    // A password that is too short is refused.
    EXPECT_EQ(
        shell(fmt::format("echo short | {} user add --data {} --username bea --institution {} "
                          "--role caseworker --password-stdin",
                          retorno(), data.string(), institution)),
        1);

    unsigned short port = testing::free_port();
    testing::ChildProcess server({RETORNO_BINARY, "serve", "--data", data.string(), "--listen",
                                  fmt::format("0.0.0.0:{}", port)});
    ASSERT_TRUE(testing::wait_until_healthy(port, 60));
    testing::HttpClient client(port);
    EXPECT_EQ(client.get("/api/v1/cases").status, 401);
    std::string problem;
    auto token = testing::sign_in_token(client, "ana", "una clave muy larga 2026", &problem);
    ASSERT_FALSE(token.empty()) << problem;
    EXPECT_EQ(client.with_bearer(token).get("/api/v1/cases").status, 200);

    // Disabling the user closes her session at once.
    ASSERT_EQ(run_program({RETORNO_BINARY, "user", "disable", "--data", data.string(), "--username",
                           "ana"}),
              0);
    EXPECT_EQ(client.with_bearer(token).get("/api/v1/cases").status, 401);
    server.kill(SIGTERM);
    server.wait();

    EXPECT_EQ(run_program({RETORNO_BINARY, "audit", "verify", "--data", data.string()}), 0);
    // The directory commands are audited as the local operator; the refused ones are not.
    EXPECT_EQ(first_column(data,
                           "SELECT action FROM audit_log WHERE actor_user = 'local-operator' "
                           "ORDER BY seq"),
              (std::vector<std::string>{"institution_added", "user_added", "user_disabled"}));
    {
        auto db = sqlite::Connection::open(data / "retorno.db", sqlite::Durability::Normal).value();
        ASSERT_TRUE(
            db->execute("DROP TRIGGER audit_log_is_append_only_update; "
                        "UPDATE audit_log SET address = '203.0.113.9' WHERE seq = 1"));
    }
    EXPECT_EQ(shell(fmt::format("{} audit verify --data {} > {}", retorno(), data.string(),
                                out.string())),
              1);
    EXPECT_NE(read_file(out).find("entry 1"), std::string::npos) << read_file(out);
}

}  // namespace
}  // namespace retorno
