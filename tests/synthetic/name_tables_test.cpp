#include "synthetic/name_tables.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/iso_country.h"
#include "core/iso_language.h"

namespace retorno::synthetic {
namespace {

TEST(NameTables, CompiledInFilesParseAndCoverTheRegion) {
    const NameTables& tables = embedded_name_tables();
    for (const char* code : {"GT", "SV", "HN", "NI", "CR", "PA", "MX", "BZ"}) {
        const CountryNames* names = tables.country(code);
        ASSERT_NE(names, nullptr) << code;
        EXPECT_GE(names->female.size(), 15u) << code;
        EXPECT_GE(names->male.size(), 15u) << code;
        EXPECT_GE(names->surnames.size(), 30u) << code;
        EXPECT_FALSE(names->female_compound.empty()) << code;
        EXPECT_FALSE(names->places.empty()) << code;
    }
    EXPECT_EQ(tables.country("US"), nullptr);
}

TEST(NameTables, EveryCodeIsInTheIsoTables) {
    const NameTables& tables = embedded_name_tables();
    for (const auto& [code, names] : tables.countries) {
        EXPECT_NE(find_country(code), nullptr) << code;
        for (const auto& language : names.languages) {
            EXPECT_NE(find_language(language.value), nullptr) << code << " " << language.value;
        }
    }
}

TEST(NameTables, SurnameWeightsAreSkewed) {
    // Zipf-like: the most common surname is far more common than the median one.
    for (const auto& [code, names] : embedded_name_tables().countries) {
        const auto& s = names.surnames;
        EXPECT_GT(s.front().weight, 5 * s[s.size() / 2].weight) << code;
    }
    EXPECT_EQ(embedded_name_tables().country("MX")->surnames.front().value, "Hernández");
}

TEST(NameTables, NicknamesAndAbbreviationsAreFound) {
    const NameTables& tables = embedded_name_tables();
    auto has = [](const std::vector<std::string_view>& list, std::string_view value) {
        return std::find(list.begin(), list.end(), value) != list.end();
    };
    EXPECT_TRUE(has(tables.nicknames_of("José"), "Chepe"));
    EXPECT_TRUE(has(tables.nicknames_of("Francisco"), "Pancho"));
    EXPECT_TRUE(has(tables.nicknames_of("Guadalupe"), "Lupe"));
    EXPECT_TRUE(has(tables.nicknames_of("Rosario"), "Chayo"));
    EXPECT_TRUE(has(tables.nicknames_of("Jesús"), "Chucho"));
    EXPECT_TRUE(has(tables.nicknames_of("Guillermo"), "Memo"));
    EXPECT_TRUE(has(tables.nicknames_of("María José"), "Majo"));
    EXPECT_TRUE(has(tables.abbreviations_of("María"), "Ma."));
    EXPECT_TRUE(has(tables.abbreviations_of("Francisco"), "Fco."));
    EXPECT_TRUE(tables.nicknames_of("Zzz").empty());
}

// The compiled-in files with one of them replaced, for the refusal tests.
std::vector<EmbeddedFile> with_file(std::string_view name, std::string_view content) {
    std::vector<EmbeddedFile> files;
    for (const auto& f : embedded_name_files()) {
        files.push_back(f.name == name ? EmbeddedFile{f.name, content} : f);
    }
    return files;
}

TEST(NameTables, RefusesMalformedFilesNamingFileAndLine) {
    struct Case {
        const char* file;
        const char* content;
        const char* field;
    };
    const Case cases[] = {
        {"surnames.tsv", "country\tname\tweight\nGT\tLópez\t3\n", "names/surnames.tsv:1"},
        {"surnames.tsv", "country\tsurname\tweight\nGT\tLópez\n", "names/surnames.tsv:2"},
        {"surnames.tsv", "country\tsurname\tweight\nGT\tLópez\t-1\n", "names/surnames.tsv:2"},
        {"surnames.tsv", "country\tsurname\tweight\nGT\tLópez\tmany\n", "names/surnames.tsv:2"},
        {"surnames.tsv", "# c\ncountry\tsurname\tweight\nXX\tLópez\t1\n", "names/surnames.tsv:3"},
        {"surnames.tsv", "country\tsurname\tweight\nGT\t\t1\n", "names/surnames.tsv:2"},
        {"given_names.tsv", "country\tsex\tname\tweight\nGT\tX\tAna\t1\n",
         "names/given_names.tsv:2"},
        {"countries.tsv",
         "country\ttwo_given_names_share\tdouble_surname_share\taccents\nGT\t1.5\t0.9\tyes\n",
         "names/countries.tsv:2"},
        {"countries.tsv",
         "country\ttwo_given_names_share\tdouble_surname_share\taccents\nGT\t0.5\t0.9\tsi\n",
         "names/countries.tsv:2"},
        {"nicknames.tsv", "", "names/nicknames.tsv:1"},
    };
    for (const auto& c : cases) {
        auto files = with_file(c.file, c.content);
        auto parsed = parse_name_tables(files);
        ASSERT_FALSE(parsed) << c.file << ": " << c.content;
        EXPECT_EQ(parsed.error().field, c.field) << c.content;
    }
    std::vector<EmbeddedFile> missing;
    for (const auto& f : embedded_name_files()) {
        if (f.name != "surnames.tsv")
            missing.push_back(f);
    }
    auto parsed = parse_name_tables(missing);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().field, "names/surnames.tsv");
}

TEST(NameTables, ACountryWithoutSurnamesIsRefused) {
    auto files = with_file("surnames.tsv", "country\tsurname\tweight\nGT\tLópez\t1\n");
    auto parsed = parse_name_tables(files);
    ASSERT_FALSE(parsed);
    EXPECT_NE(parsed.error().message.find("lacks"), std::string::npos);
}

}  // namespace
}  // namespace retorno::synthetic
