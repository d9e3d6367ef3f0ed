#pragma once

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "matching/person_record.h"
#include "support/table_file.h"

namespace retorno::matching::testing {

using retorno::testing::TableRow;

// The rows of tests/data/matching/<name>.
inline std::vector<TableRow> read_table(const std::string& name) {
    return retorno::testing::read_table_file("matching/" + name);
}

inline std::string trim(std::string text) {
    const auto first = text.find_first_not_of(' ');
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(' ');
    return text.substr(first, last - first + 1);
}

// A person from the columns of must_match.tsv: "given / middle | surnames", a birth ("YYYY-MM-DD",
// "YYYY", "age 14 on 2025-03-01" or empty), gender F/M or empty, country.
inline PersonRecord person_from_columns(const std::string& id, const std::string& name,
                                        const std::string& birth, const std::string& gender,
                                        const std::string& country) {
    PersonRecord person;
    person.id = id;
    const auto bar = name.find('|');
    std::string given = name.substr(0, bar);
    if (bar != std::string::npos)
        person.second_name = trim(name.substr(bar + 1));
    const auto slash = given.find('/');
    if (slash != std::string::npos) {
        person.middle_name = trim(given.substr(slash + 1));
        given = given.substr(0, slash);
    }
    person.first_name = trim(given);
    if (birth.rfind("age ", 0) == 0) {
        std::istringstream in(birth.substr(4));
        std::string on;
        in >> person.age_estimate >> on >> person.age_estimate_date;
    } else {
        person.birthdate = birth;
    }
    if (gender == "F")
        person.gender = "Feminine";
    if (gender == "M")
        person.gender = "Masculine";
    person.nationality = country;
    return person;
}

}  // namespace retorno::matching::testing
