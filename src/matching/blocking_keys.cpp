#include "matching/blocking_keys.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

#include "matching/spanish_phonetic.h"

namespace retorno::matching {

namespace {

// FNV-1a: stable across runs and platforms, unlike std::hash. Fed piece by piece, so that a
// key made of several texts needs no string built for it.
class Fnv1a {
  public:
    Fnv1a& add(std::string_view text) {
        for (char c : text) {
            m_hash ^= static_cast<unsigned char>(c);
            m_hash *= 1099511628211ULL;
        }
        return *this;
    }
    std::uint64_t value() const { return m_hash; }

  private:
    std::uint64_t m_hash = 1469598103934665603ULL;
};

std::uint64_t hash_text(std::string_view text) {
    return Fnv1a{}.add(text).value();
}

// The hash of "kind|x|y|number", the text that names a block. A person is filed some
// twenty-five times, and building each of these texts was more than half of the time of filing
// (5.0 s of filing at 10^6 became 2.1 s).
std::uint64_t hash_parts(char kind, std::string_view x, std::string_view y, int number = 0) {
    std::array<char, 16> digits{};
    const auto end = std::to_chars(digits.data(), digits.data() + digits.size(), number).ptr;
    Fnv1a hash;
    hash.add(std::string_view(&kind, 1)).add("|").add(x).add("|").add(y).add("|");
    hash.add(std::string_view(digits.data(), static_cast<std::size_t>(end - digits.data())));
    return hash.value() >> (64 - kBlockingKeyBits);
}

}  // namespace

// A part of a block (see BlockingKey), named by a text: never 0, which means "the whole block",
// and never a month or kDatePart (see is_dated_part).
std::uint32_t part_of(std::string_view text) {
    return static_cast<std::uint32_t>(hash_text(text) >> (64 - kBlockingPartBits)) | 0x8000u;
}

std::vector<BlockingKey> blocking_keys(const PreparedPerson& person) {
    std::vector<std::string> firsts;
    const Words given = split_words(person.given_key());
    if (!given.empty() && split_words(person.given())[0].size() > 1) {
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
    // Each surname's key, with the part it puts its blocks in: the other surname of two.
    struct Surname {
        std::string_view key;
        std::uint32_t part;
    };
    std::vector<Surname> surnames;
    const Words surname_words = split_words(person.surnames());
    const Words surname_keys = split_words(person.surname_key());
    for (std::size_t i = 0; i < surname_keys.size; ++i) {
        if (surname_words[i].size() > 1)
            surnames.push_back({surname_keys[i], 0});
    }
    if (surnames.size() == 2) {
        surnames[0].part = part_of(surnames[1].key);
        surnames[1].part = part_of(surnames[0].key);
    }
    const std::string married_keys = spanish_phonetic_keys(person.married());
    for (auto key : split_words(married_keys))
        surnames.push_back({key, 0});

    std::vector<BlockingKey> keys;
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
        for (const auto& [surname, part] : surnames) {
            for (int y : years)
                keys.push_back({hash_parts('F', first, surname, y), part});
            keys.push_back({hash_parts('F', tail(first), surname, year), part});
            // Under the same years as the main key: a typing error in one surname often comes
            // with a year off by one or an estimated age, and in a split block only these
            // keys still meet (their part is the other, intact, surname).
            if (surname.size() >= 4) {
                for (int y : years) {
                    keys.push_back({hash_parts('P', first, surname.substr(0, 3), y), part});
                    keys.push_back(
                        {hash_parts('Q', first, surname.substr(surname.size() - 4), y), part});
                }
            }
        }
    }
    const auto& birth = person.birth.birth;
    if (birth && birth->has_day()) {
        const int low = std::min(birth->day, birth->month);
        const int high = std::max(birth->day, birth->month);
        const int unordered = birth->year * 10000 + low * 100 + high;
        for (const auto& first : firsts)
            keys.push_back({hash_parts('D', first, "", unordered), kDatePart});
        // The same with the first letter of the given name only, for a given name written as an
        // initial (which has no key above) or misspelt, when a surname is misspelt too: a whole
        // birth date is rare enough to block on with one letter.
        if (!person.given().empty()) {
            keys.push_back(
                {hash_parts('E', std::string_view(person.given().data(), 1), "", unordered),
                 kDatePart});
        }
    }
    // An estimated age with the day it was made and the first letter of the given name: one
    // register often copies another's estimate, and a record known only by an estimate has no
    // birth date to meet through when a surname is misspelt too.
    const auto& estimated_on = person.birth.age_estimate_date;
    if (!birth && person.birth.age_estimate && estimated_on && !person.given().empty()) {
        const int day = estimated_on->year * 10000 + estimated_on->month * 100 + estimated_on->day;
        keys.push_back({hash_parts('A', std::string_view(person.given().data(), 1),
                                   std::to_string(*person.birth.age_estimate), day),
                        kDatePart});
    }
    // Each surname with the year and the first letter of the given name: for a first name
    // written only as an initial, misspelt, or a nickname the table does not know but that
    // starts alike. (Without the letter, López or Hernández in one year is one child in twenty
    // of the synthetic sets.)
    const char initial = person.given().empty() ? '_' : person.given().front();
    // This key and the next are filed under the same years as the main key, so that a year off
    // by one or an estimated age still meets a misspelt or unknown first name.
    if (year != 0) {
        for (const auto& [surname, part] : surnames) {
            for (int y : years) {
                keys.push_back({hash_parts('Y', surname, std::string_view(&initial, 1), y), part});
            }
        }
    }
    // Both surnames, unordered, with the year: for a first name that the nickname table does
    // not know or that is misspelt. Split by the birth month, and also by the day when it could
    // be a month, so that a day/month swap still meets.
    if (surnames.size() >= 2) {
        auto x = surnames[0].key;
        auto y = surnames[1].key;
        if (y < x)
            std::swap(x, y);
        std::uint32_t month = 0;
        std::uint32_t day_as_month = 0;
        if (birth && birth->has_month()) {
            month = static_cast<std::uint32_t>(birth->month);
            if (birth->has_day() && birth->day <= 12 && birth->day != birth->month)
                day_as_month = static_cast<std::uint32_t>(birth->day);
        }
        for (int in_year : years) {
            keys.push_back({hash_parts('S', x, y, in_year), month});
            if (day_as_month != 0)
                keys.push_back({hash_parts('S', x, y, in_year), day_as_month});
        }
    }
    std::sort(keys.begin(), keys.end(), [](const BlockingKey& a, const BlockingKey& b) {
        return a.key != b.key ? a.key < b.key : a.part < b.part;
    });
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

bool meet_in_any_block(const std::vector<BlockingKey>& a, const std::vector<BlockingKey>& b) {
    for (const auto& x : a) {
        for (const auto& y : b) {
            if (x.key == y.key && (x.part == y.part || x.part == 0 || y.part == 0))
                return true;
        }
    }
    return false;
}

std::uint8_t blocking_month(const PreparedPerson& person) {
    const auto& birth = person.birth.birth;
    return birth ? static_cast<std::uint8_t>(birth->month) : 0;
}

bool meet_in_any_part(const PreparedPerson& a, const PreparedPerson& b) {
    const std::uint8_t x = blocking_month(a);
    const std::uint8_t y = blocking_month(b);
    const bool months_meet = x == 0 || y == 0 || x == y;
    const auto keys_a = blocking_keys(a);
    const auto keys_b = blocking_keys(b);
    for (const auto& k : keys_a) {
        for (const auto& l : keys_b) {
            if (k.key != l.key)
                continue;
            // The same part, or part 0 with any; and in a large block the same month, unless
            // the part is a month already.
            const bool parts_meet = k.part == l.part || k.part == 0 || l.part == 0;
            if (parts_meet && (months_meet || is_dated_part(k.part) || is_dated_part(l.part)))
                return true;
        }
    }
    return false;
}

}  // namespace retorno::matching
