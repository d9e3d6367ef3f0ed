#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "synthetic/name_tables.h"

namespace retorno::synthetic {

// Real surname lists have a long tail: in Guatemala the commonest surname, López, is carried by
// about one person in ten (1.7 M people, RENAP), so it is about one surname in twenty, and a
// country has tens of thousands of surnames; in Venezuela the 40 commonest cover a third of the
// people (Rodríguez-Larralde et al., Am J Hum Biol 2000). names/surnames.tsv names only the head
// of each country's list, about fifty surnames. Drawn from those alone, one surname in five was
// the commonest, and the chance that two children share a surname (the sum of the squared
// shares) was 0.06; at a million records that made far more namesakes than a real register holds.
//
// So the law of the named surnames (weight about 10 000 / rank^0.9) continues with synthetic
// surnames from the rank after the last named one up to kSurnameRanks. The named surnames then
// take about 35% of the draws, the commonest 6.4%, the 40 commonest 32%, and two children
// share a surname with a chance of 0.0076: eight times less often, 64 times for both surnames.
constexpr std::size_t kSurnameRanks = 10000;
constexpr double kSurnameExponent = 0.9;

// `count` surnames that sound and are spelled like Spanish ones ("Calméndez", "Torivera",
// "Barañón") and are none of `named` (compared without accents and case). The same arguments
// give the same list.
std::vector<std::string> synthetic_surnames(std::size_t count,
                                            const std::vector<std::string>& named);

// Appends to each country's surnames the synthetic ones of the ranks after its named surnames
// up to kSurnameRanks, weighted by the named list's law (the weight of rank 1 times
// rank^-kSurnameExponent). Every country draws its tail from one pool, in its own order.
void extend_surnames_with_tail(NameTables& tables);

}  // namespace retorno::synthetic
