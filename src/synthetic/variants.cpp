#include "synthetic/variants.h"

#include <algorithm>
#include <array>

#include "synthetic/person_draw.h"
#include "synthetic/text.h"

namespace retorno::synthetic {

namespace {

// How likely each register is to make each distortion. Police and migration type fast in upper
// case without accents; shelters write what the child says (nicknames, an estimated age);
// consulates copy documents but merge given names and confuse day and month.
struct Profile {
    double typo, no_accents, upper_case, surnames_swapped, surname_missing, first_surname_missing,
        middle_name_missing, given_names_merged, abbreviation, nickname, day_month_swapped,
        year_off_by_one, age_estimate_only, mother_name_missing;
};

Profile profile_of(Register source) {
    switch (source) {
        case Register::Police:
            return {0.25, 0.5, 0.5, 0.05, 0.15, 0.03, 0.25, 0.1, 0.1, 0.05, 0.05, 0.08, 0.12, 0.5};
        case Register::Shelter:
            return {0.15, 0.2, 0.05, 0.05, 0.08, 0.05, 0.3, 0.05, 0.03, 0.3, 0.03, 0.05, 0.25, 0.3};
        case Register::Consulate:
            return {0.1, 0.15, 0.1, 0.03, 0.03, 0.02, 0.1, 0.2, 0.15, 0.01, 0.08, 0.05, 0.02, 0.1};
        case Register::Migration:
            return {0.2, 0.7, 0.7, 0.1, 0.1, 0.03, 0.3, 0.1, 0.05, 0.02, 0.1, 0.05, 0.1, 0.6};
        case Register::Original:
            break;
    }
    return {};
}

// Neighbouring keys on a QWERTY (Latin American) keyboard, for substitution typos.
std::string_view neighbours(char c) {
    static constexpr std::array<std::string_view, 26> kRows{
        "qwsz",   "vghn",  "xdfv", "serfcx", "wsdr", "drtgvc", "ftyhbv", "gyujnb", "ujko",
        "huikmn", "jiolm", "kop",  "njk",    "bhjm", "iklp",   "ol",     "wa",     "edft",
        "awedxz", "rfgy",  "yhji", "cfgb",   "qase", "zsdc",   "tghu",   "asx"};
    if (c >= 'a' && c <= 'z')
        return kRows[static_cast<std::size_t>(c - 'a')];
    if (c >= 'A' && c <= 'Z')
        return kRows[static_cast<std::size_t>(c - 'A')];
    return {};
}

std::string typo_once(Random& random, const std::string& text) {
    auto chars = characters(text);
    if (chars.size() < 2)
        return text;
    auto at = static_cast<std::size_t>(random.below(chars.size()));
    switch (random.below(4)) {
        case 0: {  // substitution by a neighbouring key
            auto keys = neighbours(chars[at].size() == 1 ? chars[at][0] : 'a');
            if (keys.empty() || chars[at] == " ")
                return text;
            char replacement = keys[random.below(keys.size())];
            bool upper = chars[at].size() == 1 && chars[at][0] >= 'A' && chars[at][0] <= 'Z';
            chars[at] =
                std::string(1, upper ? static_cast<char>(replacement - 'a' + 'A') : replacement);
            break;
        }
        case 1:  // deletion
            if (chars[at] == " ")
                return text;
            chars.erase(chars.begin() + static_cast<std::ptrdiff_t>(at));
            break;
        case 2:  // doubling
            if (chars[at] == " ")
                return text;
            chars.insert(chars.begin() + static_cast<std::ptrdiff_t>(at), chars[at]);
            break;
        default:  // transposition with the next character
            if (at + 1 >= chars.size() || chars[at] == " " || chars[at + 1] == " ")
                return text;
            std::swap(chars[at], chars[at + 1]);
            break;
    }
    return join(chars, "");
}

std::string given_names_of(const Person& p) {
    return p.middle_name.empty() ? p.first_name : p.first_name + " " + p.middle_name;
}

}  // namespace

std::string with_typo(Random& random, const std::string& text) {
    for (int attempt = 0; attempt < 16; ++attempt) {
        auto out = typo_once(random, text);
        if (out != text && !out.empty())
            return out;
    }
    return text;
}

LabelledPerson make_variant(Random& random, const NameTables& tables,
                            const LabelledPerson& original, Register source, Date written_on) {
    const Profile p = profile_of(source);
    LabelledPerson record = original;
    record.source = source;
    record.kind = RecordKind::Variant;
    record.distortions.clear();
    Person& person = record.person;
    auto& list = record.distortions;
    auto note = [&](Distortion d, bool changed) {
        if (changed)
            list.push_back(d);
    };

    // Given names: a nickname or an abbreviation replaces them; otherwise the middle name may be
    // lost or merged into the first-name field.
    std::string given = given_names_of(person);
    auto nicknames = tables.nicknames_of(given);
    if (nicknames.empty())
        nicknames = tables.nicknames_of(person.first_name);
    if (!nicknames.empty() && random.chance(p.nickname)) {
        person.first_name = std::string(nicknames[random.below(nicknames.size())]);
        person.middle_name.clear();
        note(Distortion::Nickname, true);
    } else if (random.chance(p.abbreviation)) {
        auto abbreviations = tables.abbreviations_of(person.first_name);
        std::string before = person.first_name;
        person.first_name = abbreviations.empty()
                                ? characters(person.first_name).front() + "."
                                : std::string(abbreviations[random.below(abbreviations.size())]);
        note(Distortion::Abbreviation, person.first_name != before);
    } else if (!person.middle_name.empty() && random.chance(p.middle_name_missing)) {
        person.middle_name.clear();
        note(Distortion::MiddleNameMissing, true);
    } else if (!person.middle_name.empty() && random.chance(p.given_names_merged)) {
        person.first_name = given;
        person.middle_name.clear();
        note(Distortion::GivenNamesMerged, true);
    }

    // Surnames: swapped, or one of the two lost.
    auto surnames = words(person.second_name);
    if (surnames.size() == 2) {
        double draw = random.unit();
        if (draw < p.surnames_swapped) {
            person.second_name = surnames[1] + " " + surnames[0];
            note(Distortion::SurnamesSwapped, surnames[0] != surnames[1]);
        } else if (draw < p.surnames_swapped + p.surname_missing) {
            person.second_name = surnames[0];
            note(Distortion::SurnameMissing, true);
        } else if (draw < p.surnames_swapped + p.surname_missing + p.first_surname_missing) {
            person.second_name = surnames[1];
            note(Distortion::FirstSurnameMissing, true);
        }
    }

    if (random.chance(p.typo)) {
        std::string& field = random.chance(0.5) || person.second_name.empty() ? person.first_name
                                                                              : person.second_name;
        std::string before = field;
        field = with_typo(random, field);
        note(Distortion::Typo, field != before);
    }

    // Dates: the day and month swapped, the year off by one, or only an estimated age.
    if (person.birthdate && random.chance(p.age_estimate_only)) {
        int age = age_in_years(*person.birthdate, written_on);
        person.birthdate.reset();
        person.age_estimate = std::clamp(age + random.between(-1, 1), 6, 18);
        person.age_estimate_date = written_on;
        note(Distortion::AgeEstimateOnly, true);
    } else if (person.birthdate) {
        Date birth = *person.birthdate;
        unsigned day = static_cast<unsigned>(birth.day());
        unsigned month = static_cast<unsigned>(birth.month());
        if (day <= 12 && day != month && random.chance(p.day_month_swapped)) {
            person.birthdate = Date{birth.year(), std::chrono::month{day}, std::chrono::day{month}};
            note(Distortion::DayMonthSwapped, person.birthdate->ok());
            if (!person.birthdate->ok())
                person.birthdate = birth;
        }
        if (random.chance(p.year_off_by_one)) {
            auto shifted = *person.birthdate;
            shifted = Date{shifted.year() + std::chrono::years{random.chance(0.5) ? 1 : -1},
                           shifted.month(), shifted.day()};
            if (shifted.ok()) {
                person.birthdate = shifted;
                note(Distortion::YearOffByOne, true);
            }
        }
    }

    if (!record.mother_name.empty() && random.chance(p.mother_name_missing)) {
        record.mother_name.clear();
        note(Distortion::MotherNameMissing, true);
    }

    // Case and accents last, because they apply to whatever the register wrote.
    if (random.chance(p.no_accents)) {
        std::string before = person.first_name + person.middle_name + person.second_name;
        person.first_name = without_accents(person.first_name);
        person.middle_name = without_accents(person.middle_name);
        person.second_name = without_accents(person.second_name);
        record.mother_name = without_accents(record.mother_name);
        note(Distortion::NoAccents,
             before != person.first_name + person.middle_name + person.second_name);
    }
    if (random.chance(p.upper_case)) {
        person.first_name = upper_case(person.first_name);
        person.middle_name = upper_case(person.middle_name);
        person.second_name = upper_case(person.second_name);
        record.mother_name = upper_case(record.mother_name);
        note(Distortion::UpperCase, true);
    }

    // A variant must differ from the original: if every draw missed, make a typing error.
    if (list.empty()) {
        std::string before = person.second_name;
        person.second_name = with_typo(random, person.second_name);
        if (person.second_name != before) {
            note(Distortion::Typo, true);
        } else {
            person.first_name = with_typo(random, person.first_name);
            note(Distortion::Typo, true);
        }
    }
    return record;
}

}  // namespace retorno::synthetic
