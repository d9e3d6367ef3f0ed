#include "synthetic/person_draw.h"

#include <algorithm>
#include <array>

#include "synthetic/text.h"

namespace retorno::synthetic {

namespace {

// Nationalities of identified child victims and returned children in the region: Guatemala,
// Honduras and El Salvador (the northern triangle) dominate, then Nicaragua and Mexico
// (RETURN-PROCEDURE.md, "Scale"; the proportions are rounded and illustrative).
constexpr std::array<Share, 8> kNationalities{{
    {"GT", 38},
    {"HN", 27},
    {"SV", 17},
    {"NI", 7},
    {"MX", 7},
    {"BZ", 1.5},
    {"CR", 1.5},
    {"PA", 1},
}};

// Girls are the majority of identified child victims (mostly sexual exploitation); a few
// children are recorded with another gender identity or none.
constexpr std::array<Share, 6> kGenders{{
    {"Feminine", 62},
    {"Masculine", 35.5},
    {"TransgenderFeminine", 0.8},
    {"TransgenderMasculine", 0.4},
    {"NonConforming", 0.5},
    {"NonSpecifiedUnknown", 0.8},
}};

constexpr double kCompoundShare = 0.35;  // of children with two given names
constexpr double kUnknownBirthdateShare = 0.15;
constexpr double kMotherOnlyShare = 0.05;  // recognised by the mother alone: her two surnames

const std::string& draw_surname(Random& random, const CountryNames& names) {
    const auto& ends = names.surname_ends;
    double point = random.unit() * ends.back();
    auto at = std::upper_bound(ends.begin(), ends.end(), point) - ends.begin();
    return names.surnames[std::min<std::size_t>(at, ends.size() - 1)].value;
}

}  // namespace

std::string draw_nationality(Random& random) {
    return std::string(pick_share(random, kNationalities));
}

std::string draw_gender(Random& random) {
    return std::string(pick_share(random, kGenders));
}

std::string as_written(const CountryNames& names, std::string_view text) {
    return names.parameters.accents ? std::string(text) : without_accents(text);
}

std::pair<std::string, std::string> draw_given_names(Random& random, const CountryNames& names,
                                                     NameSex sex) {
    const auto& single = sex == NameSex::Female ? names.female : names.male;
    const auto& compound = sex == NameSex::Female ? names.female_compound : names.male_compound;
    if (!random.chance(names.parameters.two_given_names_share)) {
        return {as_written(names, pick(random, single)), {}};
    }
    if (!compound.empty() && random.chance(kCompoundShare)) {
        const auto& name =
            pick_weighted(random, compound, [](const CompoundGivenName& c) { return c.weight; });
        return {as_written(names, name.first), as_written(names, name.middle)};
    }
    const std::string& first = pick(random, single);
    std::string middle = pick(random, single);
    for (int attempt = 0; attempt < 8 && middle == first; ++attempt) {
        middle = pick(random, single);
    }
    if (middle == first)
        return {as_written(names, first), {}};
    return {as_written(names, first), as_written(names, middle)};
}

Date draw_birthdate(Random& random, int age, Date on) {
    using namespace std::chrono;
    // The latest birth date is `on` minus `age` years (28 February for a 29 February that the
    // year lacks); the earliest is one year before it, plus a day.
    year_month_day latest{on.year() - years{age}, on.month(), on.day()};
    if (!latest.ok())
        latest = year_month_day{latest.year(), latest.month(), day{28}};
    year_month_day previous{latest.year() - years{1}, latest.month(), latest.day()};
    if (!previous.ok())
        previous = year_month_day{previous.year(), previous.month(), day{28}};
    auto span = (sys_days{latest} - sys_days{previous}).count();
    auto offset = static_cast<int>(random.below(static_cast<std::uint64_t>(span)));
    return Date{sys_days{latest} - days{offset}};
}

DrawnPerson draw_person(Random& random, const NameTables& tables, std::string_view nationality,
                        Date identified_on) {
    const CountryNames& names = *tables.country(nationality);
    DrawnPerson drawn;
    Person& person = drawn.person;
    person.gender = draw_gender(random);
    if (person.gender == "Feminine" || person.gender == "TransgenderFeminine") {
        drawn.name_sex = NameSex::Female;
    } else if (person.gender == "Masculine" || person.gender == "TransgenderMasculine") {
        drawn.name_sex = NameSex::Male;
    } else {
        drawn.name_sex = random.chance(0.5) ? NameSex::Female : NameSex::Male;
    }
    auto [first, middle] = draw_given_names(random, names, drawn.name_sex);
    person.first_name = std::move(first);
    person.middle_name = std::move(middle);

    // The mother's own surnames; the child takes the father's first surname and the mother's
    // first surname, or, recognised by the mother alone, both of hers.
    std::string mother_first_surname = as_written(names, draw_surname(random, names));
    std::string mother_second_surname = as_written(names, draw_surname(random, names));
    drawn.mother_surname = mother_first_surname;
    if (random.chance(names.parameters.double_surname_share)) {
        if (random.chance(kMotherOnlyShare)) {
            drawn.father_surname.clear();
            person.second_name = mother_first_surname + " " + mother_second_surname;
        } else {
            drawn.father_surname = as_written(names, draw_surname(random, names));
            person.second_name = drawn.father_surname + " " + mother_first_surname;
        }
    } else {
        // One surname: the father's where the country uses one (Belize), else the mother's.
        drawn.father_surname = as_written(names, draw_surname(random, names));
        person.second_name = drawn.father_surname;
    }
    auto [mother_first, mother_middle] = draw_given_names(random, names, NameSex::Female);
    drawn.mother_name =
        mother_first + (mother_middle.empty() ? "" : " " + mother_middle) + " " +
        mother_first_surname +
        (names.parameters.double_surname_share > 0.5 ? " " + mother_second_surname : std::string{});
    drawn.birth_place = pick(random, names.places);

    int age = random.between(8, 17);
    if (random.chance(kUnknownBirthdateShare)) {
        // Estimates made by looking at a child are off by up to two years either way.
        int error = random.between(-2, 2);
        person.age_estimate = std::clamp(age + error, 6, 18);
        person.age_estimate_date = identified_on;
    } else {
        person.birthdate = draw_birthdate(random, age, identified_on);
    }

    person.citizenship = {std::string(nationality)};
    const std::string& language = pick(random, names.languages);
    person.primary_language = language;
    if (nationality == "BZ") {
        if (language != "en")
            person.secondary_language = "en";
    } else if (language != "es") {
        person.secondary_language = "es";
    }
    person.mailing_state = drawn.birth_place;
    person.mailing_country = std::string(nationality);
    return drawn;
}

}  // namespace retorno::synthetic
