#include "synthetic/labelled_persons.h"

#include <algorithm>
#include <array>
#include <set>

#include <fmt/format.h>

#include "synthetic/generator.h"
#include "synthetic/person_draw.h"
#include "synthetic/variants.h"

namespace retorno::synthetic {

std::string_view to_string(Register source) {
    switch (source) {
        case Register::Original:
            return "original";
        case Register::Police:
            return "police";
        case Register::Shelter:
            return "shelter";
        case Register::Consulate:
            return "consulate";
        case Register::Migration:
            return "migration";
    }
    return "unknown";
}

std::string_view to_string(Distortion distortion) {
    switch (distortion) {
        case Distortion::Typo:
            return "typo";
        case Distortion::NoAccents:
            return "no_accents";
        case Distortion::UpperCase:
            return "upper_case";
        case Distortion::SurnamesSwapped:
            return "surnames_swapped";
        case Distortion::SurnameMissing:
            return "surname_missing";
        case Distortion::FirstSurnameMissing:
            return "first_surname_missing";
        case Distortion::MiddleNameMissing:
            return "middle_name_missing";
        case Distortion::GivenNamesMerged:
            return "given_names_merged";
        case Distortion::Abbreviation:
            return "abbreviation";
        case Distortion::Nickname:
            return "nickname";
        case Distortion::DayMonthSwapped:
            return "day_month_swapped";
        case Distortion::YearOffByOne:
            return "year_off_by_one";
        case Distortion::AgeEstimateOnly:
            return "age_estimate_only";
        case Distortion::MotherNameMissing:
            return "mother_name_missing";
    }
    return "unknown";
}

std::string_view to_string(RecordKind kind) {
    switch (kind) {
        case RecordKind::Person:
            return "person";
        case RecordKind::Variant:
            return "variant";
        case RecordKind::Sibling:
            return "sibling";
        case RecordKind::Namesake:
            return "namesake";
    }
    return "unknown";
}

std::size_t LabelledPersons::cluster_count() const {
    std::set<std::string_view> clusters;
    for (const auto& r : records)
        clusters.insert(r.cluster);
    return clusters.size();
}

namespace {

// Only what a register of persons keeps: the other Person fields stay empty.
LabelledPerson as_record(const DrawnPerson& drawn, std::string cluster, RecordKind kind) {
    LabelledPerson record;
    record.cluster = std::move(cluster);
    record.kind = kind;
    const Person& p = drawn.person;
    record.person.first_name = p.first_name;
    record.person.middle_name = p.middle_name;
    record.person.second_name = p.second_name;
    record.person.birthdate = p.birthdate;
    record.person.age_estimate = p.age_estimate;
    record.person.age_estimate_date = p.age_estimate_date;
    record.person.gender = p.gender;
    record.person.citizenship = p.citizenship;
    record.mother_name = drawn.mother_name;
    record.birth_place = drawn.birth_place;
    return record;
}

Date identification_day(Random& random) {
    using std::chrono::sys_days;
    auto first = sys_days{kFirstIdentification};
    auto span = (sys_days{kLastIdentification} - first).count() + 1;
    return Date{first + std::chrono::days{
                            static_cast<int>(random.below(static_cast<std::uint64_t>(span)))}};
}

Date plus_days(Date day, int days) {
    return Date{std::chrono::sys_days{day} + std::chrono::days{days}};
}

// A brother or sister: same surnames, mother and birth place; other given names; born one to
// five years apart, or a twin on the same day.
LabelledPerson sibling_of(Random& random, const NameTables& tables, const DrawnPerson& drawn,
                          Date identified_on, std::string cluster) {
    const CountryNames& names = *tables.country(drawn.person.citizenship.front());
    DrawnPerson sibling = drawn;
    sibling.name_sex = random.chance(0.5) ? NameSex::Female : NameSex::Male;
    sibling.person.gender = sibling.name_sex == NameSex::Female ? "Feminine" : "Masculine";
    for (int attempt = 0; attempt < 16; ++attempt) {
        auto [first, middle] = draw_given_names(random, names, sibling.name_sex);
        sibling.person.first_name = first;
        sibling.person.middle_name = middle;
        if (first != drawn.person.first_name)
            break;
    }
    bool twin = random.chance(0.1);
    int years_apart = (random.chance(0.5) ? 1 : -1) * random.between(1, 5);
    if (drawn.person.birthdate) {
        sibling.person.birthdate = twin ? *drawn.person.birthdate
                                        : plus_days(*drawn.person.birthdate,
                                                    years_apart * 365 + random.between(-150, 150));
    } else {
        sibling.person.age_estimate =
            std::clamp(*drawn.person.age_estimate + (twin ? 0 : years_apart), 0, 25);
        sibling.person.age_estimate_date = identified_on;
    }
    return as_record(sibling, std::move(cluster), RecordKind::Sibling);
}

// Someone with the same given names and surnames from another country, born on another day.
LabelledPerson namesake_of(Random& random, const NameTables& tables, const DrawnPerson& drawn,
                           Date identified_on, std::string cluster) {
    std::string nationality = drawn.person.citizenship.front();
    while (nationality == drawn.person.citizenship.front()) {
        nationality = draw_nationality(random);
    }
    DrawnPerson other = draw_person(random, tables, nationality, identified_on);
    other.person.first_name = drawn.person.first_name;
    other.person.middle_name = drawn.person.middle_name;
    other.person.second_name = drawn.person.second_name;
    other.person.gender = drawn.person.gender;
    if (other.person.birthdate && drawn.person.birthdate &&
        *other.person.birthdate == *drawn.person.birthdate) {
        other.person.birthdate = plus_days(*other.person.birthdate, 400);
    }
    return as_record(other, std::move(cluster), RecordKind::Namesake);
}

constexpr std::array<Register, 4> kRegisters{Register::Police, Register::Shelter,
                                             Register::Consulate, Register::Migration};

}  // namespace

LabelledPersons make_labelled_persons(std::uint64_t seed, const LabelledPersonsOptions& options) {
    Random random(seed);
    const NameTables& tables = embedded_name_tables();
    LabelledPersons out;
    out.records.reserve(options.count);
    std::size_t clusters = 0;
    auto next_cluster = [&] { return fmt::format("c{:06d}", ++clusters); };
    auto add = [&](LabelledPerson record) {
        if (out.records.size() < options.count)
            out.records.push_back(std::move(record));
    };

    while (out.records.size() < options.count) {
        Date identified_on = identification_day(random);
        DrawnPerson drawn = draw_person(random, tables, draw_nationality(random), identified_on);
        LabelledPerson original = as_record(drawn, next_cluster(), RecordKind::Person);
        add(original);
        if (random.chance(options.duplicate_rate)) {
            // One to three more records, each by a different register, written within weeks.
            double draw = random.unit();
            std::size_t extra = draw < 0.6 ? 1 : draw < 0.9 ? 2 : 3;
            auto registers = kRegisters;
            for (std::size_t i = 0; i < extra; ++i) {
                std::swap(registers[i], registers[i + random.below(registers.size() - i)]);
                Date written_on = plus_days(identified_on, random.between(0, 60));
                add(make_variant(random, tables, original, registers[i], written_on));
            }
        }
        if (random.chance(options.sibling_rate)) {
            add(sibling_of(random, tables, drawn, identified_on, next_cluster()));
        }
        if (random.chance(options.namesake_rate)) {
            add(namesake_of(random, tables, drawn, identified_on, next_cluster()));
        }
    }

    // Fisher-Yates with our own PRNG (std::shuffle's result differs between libraries).
    for (std::size_t i = out.records.size(); i > 1; --i) {
        std::swap(out.records[i - 1], out.records[random.below(i)]);
    }
    for (std::size_t i = 0; i < out.records.size(); ++i) {
        out.records[i].id = fmt::format("r{:06d}", i + 1);
    }
    return out;
}

LabelledPersons make_labelled_persons(std::uint64_t seed, std::size_t count,
                                      double duplicate_rate) {
    LabelledPersonsOptions options;
    options.count = count;
    options.duplicate_rate = duplicate_rate;
    return make_labelled_persons(seed, options);
}

}  // namespace retorno::synthetic
