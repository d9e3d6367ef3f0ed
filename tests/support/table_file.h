#pragma once

// The table-driven tests' data files (tests/data/**/*.tsv): one row per line, columns split at
// tabs, blank lines and "#" comments skipped, each row with the line it came from, so that a
// failure names the line a caseworker can read.

#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace retorno::testing {

struct TableRow {
    std::size_t line = 0;
    std::vector<std::string> columns;
};

// The rows of tests/data/<relative_path>.
inline std::vector<TableRow> read_table_file(const std::string& relative_path) {
    const std::string path = std::string(RETORNO_SOURCE_ROOT) + "/tests/data/" + relative_path;
    std::ifstream in(path);
    EXPECT_TRUE(in.good()) << "cannot open " << path;
    std::vector<TableRow> rows;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line[0] == '#')
            continue;
        TableRow row{number, {}};
        std::size_t start = 0;
        while (true) {
            const std::size_t tab = line.find('\t', start);
            row.columns.push_back(line.substr(start, tab - start));
            if (tab == std::string::npos)
                break;
            start = tab + 1;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace retorno::testing
