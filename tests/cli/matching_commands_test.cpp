#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli_support.h"
#include "support/file_text.h"
#include "support/throwaway_dir.h"

// `retorno dedup` and `retorno match` on CSV files, as an administrator runs them on a register
// (docs/matching.md). The records are made up for the test.
namespace retorno {
namespace {

using testing::read_file;
using testing::run_retorno;

const char* const kHeader =
    "id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Nationality\n";

// The same girl written by four registers, her brother, and a boy from elsewhere.
const char* const kRegister =
    "p1,María,José,Hernández López,2011-03-04,Feminine,GT\n"
    "p2,Maria Jose,,Hernandez,2011-03-04,F,GT\n"
    "p3,MA.,JOSÉ,HERNÁNDEZ L.,2011-03-04,Feminine,GT\n"
    "p4,Majo,,López Hernández,2011-04-03,Feminine,GT\n"
    "p5,Luis,Fernando,Hernández López,2013-07-21,Masculine,GT\n"
    "p6,Pedro,,Sánchez Ruiz,2009-01-01,Masculine,HN\n";

void write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// The first two fields of each data line: "p1,p2".
std::vector<std::string> pairs_of(const std::filesystem::path& file) {
    std::vector<std::string> pairs;
    const auto lines = lines_of(read_file(file));
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto second_comma = lines[i].find(',', lines[i].find(',') + 1);
        pairs.push_back(lines[i].substr(0, second_comma));
    }
    return pairs;
}

TEST(MatchingCommands, DedupWritesEachLikelyPairOnceWithItsReasons) {
    testing::ThrowawayDir dir;
    write(dir.path() / "persons.csv", std::string(kHeader) + kRegister);
    const auto run = run_retorno({"dedup", "--input", (dir.path() / "persons.csv").string(),
                                  "--output", (dir.path() / "pairs.csv").string()});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    // Six records; a register this small keeps the default threshold (0.5).
    EXPECT_NE(run.output.find("6 persons read, 5 likely duplicate pairs at threshold 0.5000"),
              std::string::npos)
        << run.output;
    const auto text = read_file(dir.path() / "pairs.csv");
    EXPECT_EQ(lines_of(text).front(), "id_a,id_b,score,reasons");
    // "Maria Jose Hernandez" and "Majo López Hernández" born 2011-04-03 score 0.33: one
    // surname, the other's second one, and a nickname, with day and month swapped.
    EXPECT_EQ(pairs_of(dir.path() / "pairs.csv"),
              (std::vector<std::string>{"p1,p2", "p1,p3", "p1,p4", "p2,p3", "p3,p4"}));
    EXPECT_NE(text.find("same surnames in swapped order"), std::string::npos) << text;
    EXPECT_NE(text.find("birth day and month swapped"), std::string::npos) << text;
    // The brother shares surnames and mother, not a given name or a birth date.
    EXPECT_EQ(text.find("p5"), std::string::npos) << text;
}

TEST(MatchingCommands, DedupReportsOnlyThePairsAtOrAboveAThresholdGiven) {
    testing::ThrowawayDir dir;
    write(dir.path() / "persons.csv", std::string(kHeader) + kRegister);
    const auto all =
        run_retorno({"dedup", "--input", (dir.path() / "persons.csv").string(), "--output",
                     (dir.path() / "all.csv").string(), "--threshold", "0.5"});
    const auto strict =
        run_retorno({"dedup", "--input", (dir.path() / "persons.csv").string(), "--output",
                     (dir.path() / "strict.csv").string(), "--threshold", "0.9"});
    ASSERT_EQ(all.exit_code, 0) << all.output;
    ASSERT_EQ(strict.exit_code, 0) << strict.output;
    EXPECT_NE(strict.output.find("at threshold 0.9000"), std::string::npos) << strict.output;
    EXPECT_EQ(pairs_of(dir.path() / "all.csv").size(), 5u);
    // Only the records that agree on the date and the given names (0.94); not those with a
    // nickname and day and month swapped (0.80).
    EXPECT_EQ(pairs_of(dir.path() / "strict.csv"),
              (std::vector<std::string>{"p1,p2", "p1,p3", "p2,p3"}));
    for (const auto& line : lines_of(read_file(dir.path() / "strict.csv"))) {
        if (line.rfind("id_a", 0) == 0)
            continue;
        const auto score = std::stod(line.substr(line.find(',', line.find(',') + 1) + 1));
        EXPECT_GE(score, 0.9) << line;
    }
}

TEST(MatchingCommands, MatchWritesTheBestCandidatesOfEachRequestBestFirst) {
    testing::ThrowawayDir dir;
    write(dir.path() / "persons.csv", std::string(kHeader) + kRegister);
    // A family looks for "Majo" without her second surname; another for nobody registered.
    write(dir.path() / "requests.csv", std::string(kHeader) +
                                           "t1,Majo,,Hernández,2011-03-04,Feminine,GT\n"
                                           "t2,Ximena,,Quiñónez Batres,2002-12-12,Feminine,SV\n");
    const auto run = run_retorno({"match", "--input", (dir.path() / "requests.csv").string(),
                                  "--against", (dir.path() / "persons.csv").string(), "--output",
                                  (dir.path() / "matches.csv").string(), "--top", "2"});
    ASSERT_EQ(run.exit_code, 0) << run.output;
    EXPECT_NE(run.output.find("2 requests matched against 6 persons; 1 without any candidate"),
              std::string::npos)
        << run.output;
    const auto lines = lines_of(read_file(dir.path() / "matches.csv"));
    ASSERT_EQ(lines.size(), 3u) << read_file(dir.path() / "matches.csv");
    EXPECT_EQ(lines[0], "request_id,person_id,rank,score,reasons");
    EXPECT_EQ(lines[1].substr(0, 3), "t1,");
    EXPECT_NE(lines[1].find(",1,"), std::string::npos) << lines[1];
    EXPECT_NE(lines[2].find(",2,"), std::string::npos) << lines[2];
    for (const auto& line : {lines[1], lines[2]}) {
        const auto person = line.substr(3, 2);
        EXPECT_TRUE(person == "p1" || person == "p2" || person == "p3" || person == "p4") << line;
    }
}

// A refused row stops the command with the file and line, exit status 1, and the output file
// that was there before is left exactly as it was: no half result in its place.
TEST(MatchingCommands, ARefusedRowNamesItsLineAndLeavesTheOutputAsItWas) {
    testing::ThrowawayDir dir;
    const std::string broken = std::string(kHeader) + kRegister +
                               "p7,Ana,,Pérez,2011-02-30,Feminine,GT\n" +
                               "p8,Rosa,,Mejía,2010-01-01,Feminine,SV\n";
    write(dir.path() / "persons.csv", broken);
    write(dir.path() / "good.csv", std::string(kHeader) + kRegister);
    const std::string before = "earlier result\n";
    write(dir.path() / "pairs.csv", before);
    write(dir.path() / "matches.csv", before);

    const auto dedup = run_retorno({"dedup", "--input", (dir.path() / "persons.csv").string(),
                                    "--output", (dir.path() / "pairs.csv").string()});
    EXPECT_EQ(dedup.exit_code, 1) << dedup.output;
    EXPECT_NE(dedup.output.find("persons.csv:8:"), std::string::npos) << dedup.output;
    EXPECT_NE(dedup.output.find("prs_Birthdate"), std::string::npos) << dedup.output;
    EXPECT_EQ(read_file(dir.path() / "pairs.csv"), before);

    // The requests are read after the register, while matches are already being written.
    const auto match = run_retorno({"match", "--input", (dir.path() / "persons.csv").string(),
                                    "--against", (dir.path() / "good.csv").string(), "--output",
                                    (dir.path() / "matches.csv").string()});
    EXPECT_EQ(match.exit_code, 1) << match.output;
    EXPECT_NE(match.output.find("persons.csv:8:"), std::string::npos) << match.output;
    EXPECT_EQ(read_file(dir.path() / "matches.csv"), before);

    // Nothing is left beside them either.
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        (void)entry;
        ++files;
    }
    EXPECT_EQ(files, 4u);
}

TEST(MatchingCommands, AnOutputThatCannotBeWrittenIsRefusedBeforeAnyWork) {
    testing::ThrowawayDir dir;
    write(dir.path() / "persons.csv", std::string(kHeader) + kRegister);
    const auto run =
        run_retorno({"dedup", "--input", (dir.path() / "persons.csv").string(), "--output",
                     (dir.path() / "no-such-folder" / "pairs.csv").string()});
    EXPECT_EQ(run.exit_code, 2) << run.output;
    EXPECT_NE(run.output.find("cannot write"), std::string::npos) << run.output;
    EXPECT_NE(run.output.find("no-such-folder/pairs.csv"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace retorno
