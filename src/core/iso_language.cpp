#include "core/iso_language.h"

#include <algorithm>
#include <array>

namespace retorno {

namespace {

// FIXME: a first set; the full ISO 639-1 table and the region's 639-3 languages replace it.
constexpr std::array kLanguages{
    Language{"en", "eng", "English", "inglés"},
    Language{"es", "spa", "Spanish", "español"},
    Language{"quc", "quc", "K'iche'", "k'iche'"},
};

}  // namespace

std::span<const Language> all_languages() { return kLanguages; }

const Language* find_language(std::string_view code) {
    auto it = std::find_if(kLanguages.begin(), kLanguages.end(), [&](const Language& l) {
        return l.code == code || l.alpha3 == code;
    });
    return it == kLanguages.end() ? nullptr : &*it;
}

}  // namespace retorno
