#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "matching/fuzzy_date.h"
#include "matching/name_tables.h"

namespace retorno::matching {

// A person as the matcher receives it: the HTCDS columns of a CSV row or of a case, as text.
// Empty text means unknown. `second_name` holds both surnames ("Hernández López"), as HTCDS
// prescribes; `birthdate` is "YYYY", "YYYY-MM" or "YYYY-MM-DD"; `age_estimate` is whole years
// estimated on `age_estimate_date`; `nationality` is an ISO 3166-1 alpha-2 code.
struct PersonRecord {
    std::string id;
    std::string first_name;   // prs_FirstName
    std::string middle_name;  // prs_MiddleName
    std::string second_name;  // prs_SecondName
    std::string birthdate;    // prs_Birthdate
    std::string gender;       // prs_Gender: Feminine, Masculine, ...
    std::string nationality;  // prs_Nationality
    std::string age_estimate;
    std::string age_estimate_date;
    std::string mother_name;
    std::string birth_place;
};

enum class Gender : unsigned char { Unknown, Feminine, Masculine };

// Up to eight space-separated words of a folded name, viewed without copying.
struct Words {
    std::array<std::string_view, 8> items{};
    std::size_t size = 0;

    std::string_view operator[](std::size_t i) const { return items[i]; }
    bool empty() const { return size == 0; }
    const std::string_view* begin() const { return items.data(); }
    const std::string_view* end() const { return items.data() + size; }
};
Words split_words(std::string_view joined);

// The words of a joined text as offsets into it, found once when a person is prepared: a batch
// compares each person hundreds of times, and splitting the text again each time was a tenth
// of the work. Text longer than 255 bytes is split on demand instead.
class WordOffsets {
  public:
    WordOffsets() = default;
    explicit WordOffsets(std::string_view joined);
    // The words of `joined`, which must be the text the offsets were made from.
    Words in(std::string_view joined) const;

  private:
    std::array<std::uint8_t, 8> m_start{};
    std::array<std::uint8_t, 8> m_length{};
    std::uint8_t m_size = 0;
    bool m_fits = true;
};

// A person made ready for comparison: names folded and split into given names and surnames
// (particles dropped, abbreviations expanded, a husband's surname set apart), phonetic keys
// computed, dates parsed. Kept small, because a batch holds a million of them; words are
// stored joined by spaces and split on demand.
struct PreparedPerson {
    std::string id;
    std::string given;                  // "maria jose"; initials stay as one letter ("j").
    std::string given_key;              // Phonetic keys of `given`.
    std::string surnames;               // "hernandez lopez".
    std::string surname_key;            // Phonetic keys of `surnames`.
    std::string married;                // A husband's surname after "viuda de", "de"; optional.
    std::string mother_name;            // Folded.
    std::string birth_place;            // Folded.
    std::array<char, 2> nationality{};  // Upper-case alpha-2, or zeros when unknown.
    Gender gender = Gender::Unknown;
    BirthEvidence birth;
    // The full names a nickname in first position stands for ("chepe" -> "jose"); owned by the
    // NameTables, which must outlive this object.
    const std::vector<std::string>* first_given_expansions = nullptr;
    // How rare the names are, as weights to add to an agreement on them
    // (NameFrequencies::rarity_weight; 0 for an initial): all the given names together; the
    // first given name alone, or the commonest name its nickname stands for; each of the first
    // surnames.
    float given_rarity = 0;
    float first_given_rarity = 0;
    std::array<float, 4> surname_rarity{};
    // The words of given, given_key, surnames and surname_key (see WordOffsets).
    WordOffsets given_offsets;
    WordOffsets given_key_offsets;
    WordOffsets surname_offsets;
    WordOffsets surname_key_offsets;

    Words given_words() const { return given_offsets.in(given); }
    Words given_keys() const { return given_key_offsets.in(given_key); }
    Words surname_words() const { return surname_offsets.in(surnames); }
    Words surname_keys() const { return surname_key_offsets.in(surname_key); }
};

// Prepares a record. Refuses invalid UTF-8, a malformed or absurd date, a negative or absurd
// age estimate, or an estimate without its date, naming the field. Empty names are allowed
// (they simply agree with nothing).
Result<PreparedPerson> prepare_person(const PersonRecord& record, const NameTables& tables);

// The HTCDS column names, in the order of the CSV header.
inline constexpr std::array<std::string_view, 7> kRequiredColumns{
    "id",         "prs_FirstName",  "prs_MiddleName", "prs_SecondName", "prs_Birthdate",
    "prs_Gender", "prs_Nationality"};
inline constexpr std::array<std::string_view, 4> kOptionalColumns{
    "age_estimate", "age_estimate_date", "mother_name", "birth_place"};

}  // namespace retorno::matching
