#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>

#include <fmt/format.h>

#include "core/iso_country.h"
#include "domain/vocabulary.h"
#include "synthetic/labelled_persons.h"

// The CSV files of labelled persons (RFC 4180), read and written here so that the matcher and
// its evaluation read exactly what the generator writes.
namespace retorno::synthetic {

namespace {

constexpr std::string_view kPersonsHeader =
    "id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Nationality,"
    "age_estimate,age_estimate_date,mother_name,birth_place";
constexpr std::string_view kTruthHeader = "id,cluster";
constexpr std::size_t kPersonsFields = 11;

void put(std::ostream& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out << field;
        return;
    }
    out << '"';
    for (char c : field) {
        if (c == '"')
            out << '"';
        out << c;
    }
    out << '"';
}

// Reads one record; false at the end of input. Quoted fields may hold commas, doubled quotes
// and line breaks. `line` counts physical lines, for error messages.
// `record_line` is the line on which the record starts.
Result<bool> read_record(std::istream& in, std::vector<std::string>& fields, std::size_t& line,
                         std::size_t& record_line) {
    fields.clear();
    if (in.peek() == std::char_traits<char>::eof())
        return false;
    ++line;
    const std::size_t start = line;
    record_line = start;
    std::string field;
    bool quoted = false;
    bool was_quoted = false;
    for (;;) {
        int c = in.get();
        if (c == std::char_traits<char>::eof()) {
            if (quoted) {
                return fail(
                    Error::invalid(fmt::format("line {}", start), "a quoted field is not closed"));
            }
            fields.push_back(std::move(field));
            return true;
        }
        char ch = static_cast<char>(c);
        if (quoted) {
            if (ch == '"') {
                if (in.peek() == '"') {
                    in.get();
                    field.push_back('"');
                } else {
                    quoted = false;
                }
            } else {
                if (ch == '\n')
                    ++line;
                field.push_back(ch);
            }
            continue;
        }
        if (ch == '"' && field.empty() && !was_quoted) {
            quoted = true;
            was_quoted = true;
        } else if (ch == ',') {
            fields.push_back(std::move(field));
            field.clear();
            was_quoted = false;
        } else if (ch == '\n') {
            if (!field.empty() && field.back() == '\r' && !was_quoted)
                field.pop_back();
            fields.push_back(std::move(field));
            return true;
        } else if (ch == '\r' && was_quoted) {
            // The CR of a CRLF after a quoted field.
        } else {
            field.push_back(ch);
        }
    }
}

Status expect_header(std::istream& in, std::string_view header, std::size_t& line) {
    std::vector<std::string> fields;
    std::size_t record_line = 0;
    bool any = TRY(read_record(in, fields, line, record_line));
    std::string text;
    for (std::size_t i = 0; i < fields.size(); ++i)
        text += (i ? "," : "") + fields[i];
    if (!any || text != header) {
        return fail(Error::invalid("line 1", fmt::format("the header must be: {}", header)));
    }
    return {};
}

}  // namespace

void write_persons_csv(std::ostream& out, const LabelledPersons& persons) {
    out << kPersonsHeader << '\n';
    for (const auto& r : persons.records) {
        const Person& p = r.person;
        put(out, r.id);
        out << ',';
        put(out, p.first_name);
        out << ',';
        put(out, p.middle_name);
        out << ',';
        put(out, p.second_name);
        out << ',' << (p.birthdate ? format_date(*p.birthdate) : "") << ',';
        put(out, p.gender);
        out << ',' << (p.citizenship.empty() ? "" : p.citizenship.front()) << ',';
        out << (p.age_estimate ? std::to_string(*p.age_estimate) : "") << ','
            << (p.age_estimate_date ? format_date(*p.age_estimate_date) : "") << ',';
        put(out, r.mother_name);
        out << ',';
        put(out, r.birth_place);
        out << '\n';
    }
}

void write_truth_csv(std::ostream& out, const LabelledPersons& persons) {
    out << kTruthHeader << '\n';
    for (const auto& r : persons.records) {
        put(out, r.id);
        out << ',';
        put(out, r.cluster);
        out << '\n';
    }
}

Result<std::vector<LabelledPerson>> read_persons_csv(std::istream& in) {
    std::size_t line = 0;
    TRY_STATUS(expect_header(in, kPersonsHeader, line));
    std::vector<LabelledPerson> out;
    std::vector<std::string> f;
    std::size_t record_line = 0;
    while (TRY(read_record(in, f, line, record_line))) {
        auto where = fmt::format("line {}", record_line);
        if (f.size() == 1 && f[0].empty())
            continue;  // a blank line, such as a final one
        if (f.size() != kPersonsFields) {
            return fail(Error::invalid(
                where, fmt::format("expected {} fields, found {}", kPersonsFields, f.size())));
        }
        LabelledPerson r;
        r.id = f[0];
        if (r.id.empty())
            return fail(Error::invalid(where, "id is empty"));
        r.person.first_name = f[1];
        r.person.middle_name = f[2];
        r.person.second_name = f[3];
        if (!f[4].empty()) {
            r.person.birthdate = parse_date(f[4]);
            if (!r.person.birthdate) {
                return fail(Error::invalid(where, "prs_Birthdate is not a date (YYYY-MM-DD)"));
            }
        }
        if (!f[5].empty()) {
            auto genders = vocabulary::gender();
            if (std::find(genders.begin(), genders.end(), f[5]) == genders.end()) {
                return fail(Error::invalid(where, "prs_Gender is not an HTCDS gender"));
            }
            r.person.gender = f[5];
        }
        if (!f[6].empty()) {
            if (find_country(f[6]) == nullptr) {
                return fail(Error::invalid(where, "prs_Nationality is not an ISO 3166-1 code"));
            }
            r.person.citizenship = {f[6]};
        }
        if (!f[7].empty()) {
            int age = -1;
            auto [end, error] = std::from_chars(f[7].data(), f[7].data() + f[7].size(), age);
            if (error != std::errc{} || end != f[7].data() + f[7].size() || age < 0 || age > 25) {
                return fail(Error::invalid(where, "age_estimate must be a whole number 0-25"));
            }
            r.person.age_estimate = age;
        }
        if (!f[8].empty()) {
            r.person.age_estimate_date = parse_date(f[8]);
            if (!r.person.age_estimate_date) {
                return fail(Error::invalid(where, "age_estimate_date is not a date (YYYY-MM-DD)"));
            }
        }
        if (r.person.age_estimate.has_value() != r.person.age_estimate_date.has_value()) {
            return fail(Error::invalid(where, "age_estimate and age_estimate_date go together"));
        }
        r.mother_name = f[9];
        r.birth_place = f[10];
        out.push_back(std::move(r));
    }
    return out;
}

Result<std::vector<std::pair<std::string, std::string>>> read_truth_csv(std::istream& in) {
    std::size_t line = 0;
    TRY_STATUS(expect_header(in, kTruthHeader, line));
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<std::string> f;
    std::size_t record_line = 0;
    while (TRY(read_record(in, f, line, record_line))) {
        if (f.size() == 1 && f[0].empty())
            continue;
        if (f.size() != 2 || f[0].empty() || f[1].empty()) {
            return fail(Error::invalid(fmt::format("line {}", record_line),
                                       "expected two non-empty fields: id,cluster"));
        }
        out.emplace_back(f[0], f[1]);
    }
    return out;
}

}  // namespace retorno::synthetic
