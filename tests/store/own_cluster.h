#pragma once

// A PostgreSQL cluster of a test's own (scripts/test-postgres), for tests that stop the server
// or need a standby, which they cannot do to the cluster that the other tests share.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <fmt/format.h>

namespace retorno::testing {

inline const std::filesystem::path kTestPostgresScript =
    std::filesystem::path(RETORNO_SOURCE_ROOT) / "scripts/test-postgres";

// Why a test cannot make a cluster of its own, or nothing when it can.
inline std::optional<std::string> postgres_binaries_missing() {
    const std::filesystem::path initdb = "/usr/lib/postgresql/15/bin/initdb";
    if (std::filesystem::exists(initdb))
        return std::nullopt;
    return "PostgreSQL 15 is not installed (" + initdb.string() +
           " is missing): apt-get install postgresql, or set RETORNO_ALLOW_NO_POSTGRES=1";
}

// Runs scripts/test-postgres with a command and its folders.
inline int test_postgres(const std::string& arguments) {
    return std::system(
        fmt::format("'{}' {} >/dev/null", kTestPostgresScript.string(), arguments).c_str());
}

// A cluster removed with its data when the test ends: a new primary, or a hot standby of one.
class OwnCluster {
  public:
    explicit OwnCluster(const std::filesystem::path& dir) : m_dir(dir) {
        start(fmt::format("start '{}'", m_dir.string()));
    }
    OwnCluster(const std::filesystem::path& dir, const OwnCluster& primary) : m_dir(dir) {
        start(fmt::format("standby '{}' '{}'", primary.m_dir.string(), m_dir.string()));
    }
    ~OwnCluster() { test_postgres(fmt::format("stop '{}'", m_dir.string())); }
    OwnCluster(const OwnCluster&) = delete;
    OwnCluster& operator=(const OwnCluster&) = delete;

    bool started() const { return m_started && !m_url.empty(); }
    const std::string& url() const { return m_url; }
    bool pause() { return test_postgres(fmt::format("pause '{}'", m_dir.string())) == 0; }
    bool resume() { return test_postgres(fmt::format("resume '{}'", m_dir.string())) == 0; }

  private:
    void start(const std::string& arguments) {
        m_started = test_postgres(arguments) == 0;
        if (m_started) {
            std::ifstream in(m_dir / "url");
            std::getline(in, m_url);
        }
    }

    std::filesystem::path m_dir;
    bool m_started = false;
    std::string m_url;
};

}  // namespace retorno::testing
