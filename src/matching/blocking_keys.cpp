#include "matching/blocking_keys.h"

#include <algorithm>
#include <string>

#include "matching/spanish_phonetic.h"

namespace retorno::matching {

namespace {

// FNV-1a: stable across runs and platforms, unlike std::hash.
std::uint64_t hash_text(std::string_view text) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

std::uint64_t hash_parts(char kind, std::string_view x, std::string_view y, int number = 0) {
    std::string text;
    text.reserve(x.size() + y.size() + 16);
    text.push_back(kind);
    text.push_back('|');
    text += x;
    text.push_back('|');
    text += y;
    text.push_back('|');
    text += std::to_string(number);
    return hash_text(text);
}

}  // namespace

std::vector<std::uint64_t> blocking_keys(const PreparedPerson& person) {
    std::vector<std::string> firsts;
    const Words given = split_words(person.given_key);
    if (!given.empty() && split_words(person.given)[0].size() > 1) {
        firsts.emplace_back(given[0]);
    }
    if (person.first_given_expansions) {
        for (const auto& expansion : *person.first_given_expansions) {
            const std::string key = spanish_phonetic_key(split_words(expansion)[0]);
            if (std::find(firsts.begin(), firsts.end(), key) == firsts.end()) {
                firsts.push_back(key);
            }
        }
    }
    std::vector<std::string_view> surnames;
    const Words surname_words = split_words(person.surnames);
    const Words surname_keys = split_words(person.surname_key);
    for (std::size_t i = 0; i < surname_keys.size; ++i) {
        if (surname_words[i].size() > 1)
            surnames.push_back(surname_keys[i]);
    }
    const std::string married_keys = spanish_phonetic_keys(person.married);
    for (auto key : split_words(married_keys))
        surnames.push_back(key);

    std::vector<std::uint64_t> keys;
    // Every key but the last carries the birth year (0 when unknown), because common names
    // are very common: "María López" is one child in thirty in the synthetic sets. The main
    // key is filed under the year and the next, so that years one apart still meet.
    const int year = blocking_birth_year(person.birth);
    // The years the main key is filed under: a birth year and the next, so that years one
    // apart meet; an estimated age, which is rougher, one year more on each side.
    std::vector<int> years{year};
    if (year != 0) {
        years.push_back(year + 1);
        if (!person.birth.birth) {
            years.push_back(year - 1);
            years.push_back(year - 2);
        }
    }
    // A typing error changes the phonetic key of a word. Filing the first given name also
    // without its first letter, and each surname also by the first three and the last four
    // letters of its key, lets one typing error anywhere in a word of four letters or more
    // leave at least one key intact ("odriguez", "rodirguez" and "rodriguez" meet; so do
    // "opez" and "lopez").
    const auto tail = [](std::string_view key) { return key.size() > 3 ? key.substr(1) : key; };
    for (const auto& first : firsts) {
        for (auto surname : surnames) {
            for (int y : years)
                keys.push_back(hash_parts('F', first, surname, y));
            keys.push_back(hash_parts('F', tail(first), surname, year));
            if (surname.size() >= 4) {
                keys.push_back(hash_parts('P', first, surname.substr(0, 3), year));
                keys.push_back(hash_parts('Q', first, surname.substr(surname.size() - 4), year));
            }
        }
    }
    if (person.birth.birth && person.birth.birth->has_day()) {
        const auto& d = *person.birth.birth;
        const int low = std::min(d.day, d.month);
        const int high = std::max(d.day, d.month);
        const int unordered = d.year * 10000 + low * 100 + high;
        for (const auto& first : firsts)
            keys.push_back(hash_parts('D', first, "", unordered));
    }
    // Each surname, and both unordered, with the year: for a first name that the nickname
    // table does not know, that is misspelt or only an initial.
    // Each surname with the year and the first letter of the given name: for a first name
    // written only as an initial, misspelt, or a nickname the table does not know but that
    // starts alike. (Without the letter, López or Hernández in one year is one child in twenty
    // of the synthetic sets.)
    const char initial = person.given.empty() ? '_' : person.given.front();
    // Both are filed under the same years as the main key, so that a year off by one or an
    // estimated age still meets a misspelt or unknown first name.
    if (year != 0) {
        for (auto surname : surnames) {
            for (int y : years)
                keys.push_back(hash_parts('Y', surname, std::string_view(&initial, 1), y));
        }
    }
    if (surnames.size() >= 2) {
        auto x = surnames[0];
        auto y = surnames[1];
        if (y < x)
            std::swap(x, y);
        for (int in_year : years)
            keys.push_back(hash_parts('S', x, y, in_year));
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

}  // namespace retorno::matching
