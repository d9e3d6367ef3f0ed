#include <gtest/gtest.h>

#include "matching/spanish_phonetic.h"
#include "matching/text_fold.h"
#include "table_file.h"

namespace retorno::matching {
namespace {

using testing::read_table;

TEST(Normalisation, FoldsNamesAsTheTableSays) {
    const auto rows = read_table("normalisation.tsv");
    ASSERT_GE(rows.size(), 15u);
    for (const auto& row : rows) {
        ASSERT_EQ(row.columns.size(), 2u) << "normalisation.tsv:" << row.line;
        auto folded = fold_text(row.columns[0]);
        ASSERT_TRUE(folded) << "normalisation.tsv:" << row.line;
        EXPECT_EQ(folded_to_utf8(*folded), row.columns[1]) << "normalisation.tsv:" << row.line;
    }
}

TEST(Normalisation, MarksAbbreviationsByTheirDot) {
    auto tokens = fold_name("Ma. José");
    ASSERT_TRUE(tokens);
    ASSERT_EQ(tokens->size(), 2u);
    EXPECT_TRUE((*tokens)[0].had_dot);
    EXPECT_FALSE((*tokens)[1].had_dot);
}

TEST(Normalisation, RefusesInvalidUtf8) {
    EXPECT_FALSE(fold_name("Mar\xC3"));
    EXPECT_FALSE(fold_name("\xFF\xFE"));
    EXPECT_FALSE(fold_name("\xC0\xAF"));  // An overlong "/".
    std::size_t offset = 0;
    EXPECT_FALSE(is_valid_utf8("ab\xE2\x82", &offset));
    EXPECT_EQ(offset, 2u);
}

TEST(Phonetic, KeysWordsAsTheTableSays) {
    const auto rows = read_table("phonetic.tsv");
    ASSERT_GE(rows.size(), 30u);
    for (const auto& row : rows) {
        ASSERT_EQ(row.columns.size(), 2u) << "phonetic.tsv:" << row.line;
        auto folded = fold_text(row.columns[0]);
        ASSERT_TRUE(folded);
        EXPECT_EQ(spanish_phonetic_key(*folded), row.columns[1]) << "phonetic.tsv:" << row.line;
    }
}

TEST(Phonetic, KeepsWordsAlignedEvenWhenOneIsSilent) {
    EXPECT_EQ(spanish_phonetic_keys("h lopez"), "0 LOPES");
}

}  // namespace
}  // namespace retorno::matching
