#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "domain/person.h"
#include "synthetic/name_tables.h"
#include "synthetic/random.h"

// Internal to the synthetic module: drawing one person and the family facts that the labelled
// persons need (siblings share surnames, mother and birth place).
namespace retorno::synthetic {

// Draws an item with probability proportional to `weight_of(item)`.
template <typename T, typename WeightOf>
const T& pick_weighted(Random& random, const std::vector<T>& items, WeightOf weight_of) {
    std::vector<double> weights;
    weights.reserve(items.size());
    for (const auto& item : items)
        weights.push_back(weight_of(item));
    return items[random.weighted(weights)];
}

inline const std::string& pick(Random& random, const std::vector<Weighted>& items) {
    return pick_weighted(random, items, [](const Weighted& w) { return w.weight; }).value;
}

enum class NameSex { Female, Male };

struct DrawnPerson {
    Person person;
    NameSex name_sex = NameSex::Female;
    std::string father_surname;  // empty when the child carries only the mother's surnames
    std::string mother_surname;
    std::string mother_name;  // full name: given names and two surnames
    std::string birth_place;
};

// The regional flows: mostly GT, HN, SV, then NI and MX (see person_draw.cpp).
std::string draw_nationality(Random& random);

std::string draw_gender(Random& random);

// "María José" as first "María", middle "José"; or one given name and an empty middle.
std::pair<std::string, std::string> draw_given_names(Random& random, const CountryNames& names,
                                                     NameSex sex);

// A birth date on which the child is exactly `age` years old on `on`.
Date draw_birthdate(Random& random, int age, Date on);

// A child aged 8 to 17 on `identified_on`; about 15% have an age estimate instead of a birth
// date. `nationality` must be in the name tables.
DrawnPerson draw_person(Random& random, const NameTables& tables, std::string_view nationality,
                        Date identified_on);

// Writes a name without accents where the country does not use them.
std::string as_written(const CountryNames& names, std::string_view text);

}  // namespace retorno::synthetic
