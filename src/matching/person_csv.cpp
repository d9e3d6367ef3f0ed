#include "matching/person_csv.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "matching/csv.h"

namespace retorno::matching {

namespace {

using Member = std::string PersonRecord::*;

constexpr std::array<std::pair<std::string_view, Member>, 11> kColumns{{
    {"id", &PersonRecord::id},
    {"prs_FirstName", &PersonRecord::first_name},
    {"prs_MiddleName", &PersonRecord::middle_name},
    {"prs_SecondName", &PersonRecord::second_name},
    {"prs_Birthdate", &PersonRecord::birthdate},
    {"prs_Gender", &PersonRecord::gender},
    {"prs_Nationality", &PersonRecord::nationality},
    {"age_estimate", &PersonRecord::age_estimate},
    {"age_estimate_date", &PersonRecord::age_estimate_date},
    {"mother_name", &PersonRecord::mother_name},
    {"birth_place", &PersonRecord::birth_place},
}};

}  // namespace

Status read_person_csv(std::istream& in, const std::string& origin,
                       const std::function<Status(PersonRecord&&, std::size_t line)>& row) {
    CsvReader reader(in, origin);
    auto header = TRY(reader.next());
    if (!header)
        return fail(reader.error_at(1, "the file is empty; a header line is needed"));
    std::vector<Member> members;
    for (const auto& name : *header) {
        auto it = std::find_if(kColumns.begin(), kColumns.end(),
                               [&](const auto& column) { return column.first == name; });
        if (it == kColumns.end()) {
            return fail(reader.error_at(reader.line(), "unknown column \"" + name + "\""));
        }
        if (std::find(members.begin(), members.end(), it->second) != members.end()) {
            return fail(reader.error_at(reader.line(), "column \"" + name + "\" is repeated"));
        }
        members.push_back(it->second);
    }
    for (std::size_t i = 0; i < kRequiredColumns.size(); ++i) {
        if (std::find(members.begin(), members.end(), kColumns[i].second) == members.end()) {
            return fail(reader.error_at(reader.line(), "the header lacks the column \"" +
                                                           std::string(kColumns[i].first) + "\""));
        }
    }
    std::unordered_map<std::string, std::size_t> seen_ids;
    while (true) {
        auto fields = TRY(reader.next());
        if (!fields)
            break;
        const std::size_t line = reader.line();
        if (fields->size() != members.size()) {
            return fail(reader.error_at(line, "expected " + std::to_string(members.size()) +
                                                  " fields as in the header, found " +
                                                  std::to_string(fields->size())));
        }
        PersonRecord record;
        for (std::size_t i = 0; i < members.size(); ++i) {
            record.*members[i] = std::move((*fields)[i]);
        }
        if (record.id.empty())
            return fail(reader.error_at(line, "the id is empty"));
        auto [it, inserted] = seen_ids.emplace(record.id, line);
        if (!inserted) {
            return fail(reader.error_at(line, "the id \"" + record.id.substr(0, 64) +
                                                  "\" was already used on line " +
                                                  std::to_string(it->second)));
        }
        if (auto status = row(std::move(record), line); !status) {
            Error error = reader.error_at(line, status.error().message);
            error.field = status.error().field;
            return fail(std::move(error));
        }
    }
    return {};
}

}  // namespace retorno::matching
