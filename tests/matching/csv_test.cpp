#include <gtest/gtest.h>

#include <sstream>

#include "matching/csv.h"
#include "matching/name_tables.h"
#include "matching/person_csv.h"

namespace retorno::matching {
namespace {

const char* kHeader =
    "id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Nationality\n";

Result<std::vector<PersonRecord>> read(const std::string& text) {
    std::istringstream in(text);
    std::vector<PersonRecord> records;
    auto tables = *NameTables::standard();
    auto status =
        read_person_csv(in, "persons.csv", [&](PersonRecord&& record, std::size_t) -> Status {
            TRY(prepare_person(record, *tables));
            records.push_back(std::move(record));
            return Status{};
        });
    if (!status)
        return fail(status.error());
    return records;
}

std::string error_of(const std::string& text) {
    auto result = read(text);
    EXPECT_FALSE(result) << text;
    return result ? std::string() : result.error().message;
}

TEST(PersonCsv, ReadsQuotedFieldsAndOptionalColumns) {
    const std::string text =
        "\xEF\xBB\xBFid,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,"
        "prs_Nationality,mother_name\r\n"
        "p1,\"María, \"\"Majo\"\"\",José,Hernández López,2011-03-04,Feminine,GT,\"Rosa\nLópez\"\r\n"
        "\n"
        "p2,Chepe,,Pérez,2010,Masculine,HN,\n";
    auto records = read(text);
    ASSERT_TRUE(records) << records.error().message;
    ASSERT_EQ(records->size(), 2u);
    EXPECT_EQ((*records)[0].first_name, "María, \"Majo\"");
    EXPECT_EQ((*records)[0].mother_name, "Rosa\nLópez");
    EXPECT_EQ((*records)[1].second_name, "Pérez");
    EXPECT_EQ((*records)[1].middle_name, "");
}

TEST(PersonCsv, RefusesBadInputNamingTheLine) {
    const std::string h = kHeader;
    EXPECT_EQ(error_of(""), "persons.csv:1: the file is empty; a header line is needed");
    EXPECT_EQ(error_of("id,prs_FirstName\n"),
              "persons.csv:1: the header lacks the column \"prs_MiddleName\"");
    EXPECT_EQ(error_of("id,prs_FirstName,shoe_size\n"),
              "persons.csv:1: unknown column \"shoe_size\"");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011,Feminine,GT\np2,Ana,,López,2011,Feminine\n"),
              "persons.csv:3: expected 7 fields as in the header, found 6");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011,Feminine,GT,extra\n"),
              "persons.csv:2: expected 7 fields as in the header, found 8");
    EXPECT_EQ(error_of(h + "p1,An\"a,,López,2011,Feminine,GT\n"),
              "persons.csv:2: a quote inside a field that does not start with one");
    EXPECT_EQ(error_of(h + "p1,\"Ana\"x,,López,2011,Feminine,GT\n"),
              "persons.csv:2: text after the closing quote of a field");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011,Feminine,GT\np2,\"Ana,,López,2011,Feminine,GT\n"),
              "persons.csv:3: a quoted field is never closed");
    EXPECT_EQ(error_of(h + "p1,Ana,,L\xF3pez,2011,Feminine,GT\n"),
              "persons.csv:2: field 4 is not valid UTF-8 (byte 2)");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011,Feminine,GT\np1,Eva,,López,2011,Feminine,GT\n"),
              "persons.csv:3: the id \"p1\" was already used on line 2");
    EXPECT_EQ(error_of(h + ",Ana,,López,2011,Feminine,GT\n"), "persons.csv:2: the id is empty");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011-02-30,Feminine,GT\n"),
              "persons.csv:2: prs_Birthdate: \"2011-02-30\" is not a date (YYYY, YYYY-MM or "
              "YYYY-MM-DD)");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,1066-10-14,Feminine,GT\n"),
              "persons.csv:2: prs_Birthdate: the year 1066 is outside 1900-2100");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011,Feminine,Guatemala\n"),
              "persons.csv:2: prs_Nationality must be an ISO 3166-1 alpha-2 code");
    EXPECT_EQ(error_of(h + "p1,Ana,,López,2011,Feminine,GT\r"),
              "persons.csv:2: a carriage return without a line feed");
}

TEST(PersonCsv, AcceptsNamesInOtherScriptsAndEmptyNames) {
    auto records = read(std::string(kHeader) + "p1,Иван,,Петров,2011,Masculine,RU\np2,,,,,,\n");
    ASSERT_TRUE(records) << records.error().message;
    EXPECT_EQ(records->size(), 2u);
}

TEST(CsvWriter, QuotesOnlyWhatNeedsIt) {
    std::ostringstream out;
    write_csv_row(out, {"a", "b,c", "say \"hi\"", "line\nbreak", ""});
    EXPECT_EQ(out.str(), "a,\"b,c\",\"say \"\"hi\"\"\",\"line\nbreak\",\n");
}

// Every way of splitting a valid file must read back the same fields: the reader has no state
// that depends on buffer boundaries, which a stringstream exercises through its whole buffer.
TEST(CsvReader, RoundTripsWhatTheWriterWrites) {
    std::ostringstream out;
    const std::vector<std::vector<std::string>> rows{
        {"id", "x"}, {"1", "a,\"b\"\nc"}, {"2", ""}, {"3", "ñandú"}};
    for (const auto& row : rows) {
        write_csv_row(out, std::vector<std::string_view>(row.begin(), row.end()));
    }
    std::istringstream in(out.str());
    CsvReader reader(in, "t.csv");
    for (const auto& row : rows) {
        auto fields = reader.next();
        ASSERT_TRUE(fields && *fields);
        EXPECT_EQ(**fields, row);
    }
    auto end = reader.next();
    ASSERT_TRUE(end);
    EXPECT_FALSE(*end);
}

}  // namespace
}  // namespace retorno::matching
