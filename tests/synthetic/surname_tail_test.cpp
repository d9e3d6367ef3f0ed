#include "synthetic/surname_tail.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "synthetic/person_draw.h"
#include "synthetic/random.h"
#include "synthetic/text.h"

namespace retorno::synthetic {
namespace {

constexpr Date kIdentifiedOn{std::chrono::year{2025}, std::chrono::month{3}, std::chrono::day{1}};

std::string folded(const std::string& name) {
    return upper_case(without_accents(name));
}

TEST(SurnameTail, IsTheSameEachTimeAndNeverANamedSurname) {
    const std::vector<std::string> named{"López", "Pérez", "Hernández"};
    const auto pool = synthetic_surnames(5000, named);
    EXPECT_EQ(pool, synthetic_surnames(5000, named));
    ASSERT_EQ(pool.size(), 5000u);
    std::set<std::string> seen;
    for (const auto& name : pool) {
        EXPECT_TRUE(seen.insert(folded(name)).second) << name << " comes twice";
        EXPECT_GE(name.size(), 4u) << name;
        EXPECT_TRUE(name[0] >= 'A' && name[0] <= 'Z') << name;
        for (const auto& character : characters(name)) {
            // Spanish letters only: ASCII letters, the accented vowels and ñ.
            const bool ascii = character.size() == 1 &&
                               std::isalpha(static_cast<unsigned char>(character[0])) != 0;
            const bool spanish = character == "á" || character == "é" || character == "í" ||
                                 character == "ó" || character == "ú" || character == "ñ";
            EXPECT_TRUE(ascii || spanish) << name;
        }
    }
    // Compared without accents and case: a synthetic "Lopez" would be a named surname.
    const auto blocked = synthetic_surnames(200, {pool[0], pool[1]});
    for (const auto& name : blocked) {
        EXPECT_NE(folded(name), folded(pool[0]));
        EXPECT_NE(folded(name), folded(pool[1]));
    }
}

TEST(SurnameTail, ContinuesTheLawOfTheNamedSurnames) {
    const NameTables& tables = embedded_name_tables();
    for (const auto& [code, names] : tables.countries) {
        ASSERT_EQ(names.surnames.size(), kSurnameRanks) << code;
        ASSERT_EQ(names.surname_ends.size(), kSurnameRanks) << code;
        const double top = names.surnames.front().weight;
        std::set<std::string> distinct;
        for (std::size_t i = 0; i < names.surnames.size(); ++i) {
            distinct.insert(names.surnames[i].value);
            if (i > 0) {
                EXPECT_LE(names.surnames[i].weight, names.surnames[i - 1].weight * 1.01) << code;
            }
        }
        EXPECT_EQ(distinct.size(), kSurnameRanks) << code;
        const auto& last = names.surnames.back();
        EXPECT_NEAR(last.weight, top * std::pow(double(kSurnameRanks), -kSurnameExponent), 1e-9);
        EXPECT_DOUBLE_EQ(names.surname_ends.back(),
                         names.surname_ends[kSurnameRanks - 2] + last.weight);
    }
    // The countries draw their tails in different orders.
    EXPECT_NE(tables.country("GT")->surnames[100].value, tables.country("HN")->surnames[100].value);
}

// Drawn as the generator draws them, the surnames have the skew of real lists: the commonest
// about one in fifteen (López in Guatemala: one in twenty), the named ones about a third, and
// two children share a surname eight times less often than with the named surnames alone (the
// sum of the squared shares was about 0.06).
TEST(SurnameTail, DrawsHaveTheSkewOfARealList) {
    const NameTables& tables = embedded_name_tables();
    // The named surnames of Guatemala are the rows of names/surnames.tsv that start with "GT".
    std::set<std::string> named;
    for (const auto& file : embedded_name_files()) {
        if (file.name != "surnames.tsv")
            continue;
        std::string_view content = file.content;
        for (std::size_t at = 0; at < content.size();) {
            std::size_t end = std::min(content.find('\n', at), content.size());
            std::string_view line = content.substr(at, end - at);
            if (line.substr(0, 3) == "GT\t")
                named.insert(std::string(line.substr(3, line.find('\t', 3) - 3)));
            at = end + 1;
        }
    }
    ASSERT_GT(named.size(), 30u);
    Random random(2026);
    std::map<std::string, int> counts;
    constexpr int kDraws = 100000;
    for (int i = 0; i < kDraws; ++i) {
        const DrawnPerson drawn = draw_person(random, tables, "GT", kIdentifiedOn);
        ++counts[drawn.mother_surname];
    }
    double top = 0;
    double sum_of_squares = 0;
    int in_named = 0;
    for (const auto& [name, n] : counts) {
        const double share = n / double(kDraws);
        top = std::max(top, share);
        sum_of_squares += share * share;
        if (named.count(name) != 0)
            in_named += n;
    }
    EXPECT_NEAR(top, 0.064, 0.01);
    EXPECT_NEAR(in_named / double(kDraws), 0.35, 0.04);
    EXPECT_LT(sum_of_squares, 0.01);
    EXPECT_GT(counts.size(), 5000u);
}

}  // namespace
}  // namespace retorno::synthetic
