#pragma once

// Shared by the CLI tests: running the `retorno` binary, and comparing two stores case by case.
// Header-only, like tests/store/store_backends.h which it builds on.

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "store/open_store.h"
#include "store/store_backends.h"

namespace retorno::testing {

struct CliRun {
    int exit_code = -1;
    std::string output;  // standard output and standard error together
};

inline std::string shell_quote(const std::string& text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

// Runs the `retorno` program of this build with `arguments` and waits for it.
inline CliRun run_retorno(const std::vector<std::string>& arguments) {
    std::string command = shell_quote(RETORNO_BINARY);
    for (const auto& argument : arguments)
        command += " " + shell_quote(argument);
    command += " 2>&1";
    CliRun run;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (pipe == nullptr)
        return run;
    std::array<char, 4096> buffer{};
    std::size_t n = 0;
    while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
        run.output.append(buffer.data(), n);
    int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

// A deployment's store, opened for inspection by the test.
inline std::unique_ptr<Store> open_for_test(const std::string& setting,
                                            const std::filesystem::path& data_dir) {
    auto store = open_store(setting, data_dir, 2);
    if (!store) {
        ADD_FAILURE() << store.error().message << " / " << store.error().detail;
        return nullptr;
    }
    return std::move(*store);
}

// Every case of a store with its full list of events, for comparisons.
inline std::map<std::string, std::vector<std::string>> history_of(Store& store) {
    std::map<std::string, std::vector<std::string>> history;
    CaseFilter filter;
    filter.limit = 500;
    for (;;) {
        auto page = store.list_cases(filter);
        if (!page) {
            ADD_FAILURE() << page.error().message;
            return history;
        }
        for (const auto& c : page->cases) {
            auto& lines = history[c.id.to_string()];
            lines.push_back("head " + c.last_hash);
            auto events = store.case_events(c.id, 0, 100000);
            if (!events) {
                ADD_FAILURE() << events.error().message;
                return history;
            }
            for (const auto& e : *events)
                lines.push_back(std::to_string(e.version) + " " + e.id.to_string() + " " + e.hash);
        }
        if (page->next.empty())
            return history;
        filter.after = page->next;
    }
}

}  // namespace retorno::testing
