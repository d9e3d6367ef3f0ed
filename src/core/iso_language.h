#pragma once

#include <span>
#include <string_view>

namespace retorno {

// A language by ISO 639: the two-letter 639-1 code where one exists, otherwise the three-letter
// 639-3 code. The table includes the indigenous languages of the region (K'iche', Q'eqchi',
// Mam, Kaqchikel, Garifuna, Miskito, Nahuatl, ...), which many children speak first.
struct Language {
    std::string_view code;
    std::string_view alpha3;
    std::string_view name_en;
    std::string_view name_es;
};

std::span<const Language> all_languages();

// Accepts the 639-1 code or the 639-3 code, lower case. nullptr when unknown.
const Language* find_language(std::string_view code);

}  // namespace retorno
