#pragma once

// For tests that run the `retorno` program: adds an institution and a user to a data folder
// with the CLI, so that the test can sign in to the server it starts. Header-only, because
// RETORNO_BINARY is defined for test binaries only.

#include <cstdio>
#include <string>

#include <fmt/format.h>

#include "support/api/child_process.h"

namespace retorno::testing {

inline constexpr const char* kCliUserPassword = "clave de prueba 2026";

// Adds a child-protection authority of `country` and a user `username` with `role` and
// kCliUserPassword. Answers false when a command failed.
inline bool add_cli_user(const std::string& data, const std::string& username,
                         const std::string& role = "supervisor",
                         const std::string& country = "MX") {
    std::string id_file = data + "/.test-institution-id";
    std::string add = fmt::format(
        "{} institution add --data '{}' --country {} --type ChildProtectionAuthority "
        "--name 'Institución de prueba' > '{}'",
        RETORNO_BINARY, data, country, id_file);
    if (run_program({"/bin/sh", "-c", add}) != 0)
        return false;
    std::string user = fmt::format(
        "echo '{}' | {} user add --data '{}' --username {} --institution \"$(cat '{}')\" "
        "--role {} --password-stdin > /dev/null",
        kCliUserPassword, RETORNO_BINARY, data, username, id_file, role);
    return run_program({"/bin/sh", "-c", user}) == 0;
}

}  // namespace retorno::testing
