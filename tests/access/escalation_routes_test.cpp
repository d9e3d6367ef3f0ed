// To which institution a late task is escalated, from tests/data/access/escalation_routes.tsv.

#include <gtest/gtest.h>

#include <map>

#include "access/escalation_routes.h"
#include "support/table_file.h"

namespace retorno::access {
namespace {

TEST(EscalationRoutes, ALateTaskGoesUpTheDirectorysRoutesOrToEveryoneOfTheTypeWithoutOne) {
    const auto rows = retorno::testing::read_table_file("access/escalation_routes.tsv");
    std::vector<Institution> directory;
    std::map<std::string, Id> ids;
    std::map<std::string, std::string> parents;
    std::size_t expectations = 0;
    for (const auto& row : rows) {
        const auto where = "escalation_routes.tsv:" + std::to_string(row.line);
        if (row.columns.at(0) == "institution") {
            ASSERT_EQ(row.columns.size(), 5u) << where;
            directory.push_back(
                Institution{Id::generate(), row.columns[2], row.columns[3], row.columns[1], {}});
            ids.emplace(row.columns[1], directory.back().id);
            parents.emplace(row.columns[1], row.columns[4]);
            continue;
        }
        if (expectations == 0) {
            for (auto& institution : directory) {
                const auto& parent = parents.at(institution.name);
                if (parent != "-")
                    institution.parent = ids.at(parent);
            }
        }
        ++expectations;
        ASSERT_EQ(row.columns.size(), 4u) << where;
        ASSERT_EQ(row.columns[0], "late") << where;
        const auto& expected = row.columns[3];
        ASSERT_TRUE(expected == "yes" || expected == "no") << where;
        auto reader = ids.find(row.columns[2]);
        const std::string reader_id =
            reader == ids.end() ? Id::generate().to_string() : reader->second.to_string();
        EXPECT_EQ(EscalationRoutes(directory, reader_id).reaches(row.columns[1]), expected == "yes")
            << where << ": a late task of " << row.columns[1] << " to " << row.columns[2];
    }
    EXPECT_GE(expectations, 15u);
}

}  // namespace
}  // namespace retorno::access
