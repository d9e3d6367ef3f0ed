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

// Up to eight space-separated words of a folded name, viewed without copying: the text and
// where each word lies in it. No view per word is made until one is asked for, because a batch
// makes a dozen of these for each pair it compares, and clearing eight views each time was
// half of the cost.
struct Words {
    std::string_view text;
    std::array<std::uint32_t, 8> start{};
    std::array<std::uint32_t, 8> length{};
    std::size_t size = 0;

    std::string_view operator[](std::size_t i) const {
        return std::string_view(text.data() + start[i], length[i]);
    }
    bool empty() const { return size == 0; }

    struct Iterator {
        const Words* words;
        std::size_t at;
        std::string_view operator*() const { return (*words)[at]; }
        Iterator& operator++() {
            ++at;
            return *this;
        }
        bool operator!=(const Iterator& other) const { return at != other.at; }
    };
    Iterator begin() const { return {this, 0}; }
    Iterator end() const { return {this, size}; }
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
// computed, dates parsed. Kept small, because a batch holds a million of them: the eight texts
// are one string, words are stored joined by spaces and found through their offsets.
struct PreparedPerson {
    std::string_view id() const { return text(kId); }
    std::string_view given() const { return text(kGiven); }         // "maria jose"; initials: "j".
    std::string_view given_key() const { return text(kGivenKey); }  // Phonetic keys of given().
    std::string_view surnames() const { return text(kSurnames); }   // "hernandez lopez".
    std::string_view surname_key() const { return text(kSurnameKey); }
    // A husband's surname after "viuda de", "de"; optional.
    std::string_view married() const { return text(kMarried); }
    std::string_view mother_name() const { return text(kMother); }  // Folded.
    std::string_view birth_place() const { return text(kPlace); }   // Folded.
    // Replaces the texts, and the offsets of the words of the names.
    void set_texts(std::string_view id, std::string_view given, std::string_view given_key,
                   std::string_view surnames, std::string_view surname_key,
                   std::string_view married, std::string_view mother_name,
                   std::string_view birth_place);

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

    Words given_words() const { return m_given_offsets.in(given()); }
    Words given_keys() const { return m_given_key_offsets.in(given_key()); }
    Words surname_words() const { return m_surname_offsets.in(surnames()); }
    Words surname_keys() const { return m_surname_key_offsets.in(surname_key()); }

  private:
    enum Text { kId, kGiven, kGivenKey, kSurnames, kSurnameKey, kMarried, kMother, kPlace, kTexts };
    std::string_view text(Text which) const {
        const std::uint32_t begin = which == kId ? 0 : m_end[which - 1];
        return std::string_view(m_text).substr(begin, m_end[which] - begin);
    }

    std::string m_text;  // The texts one after the other.
    std::array<std::uint32_t, kTexts> m_end{};
    // The words of given, given_key, surnames and surname_key (see WordOffsets).
    WordOffsets m_given_offsets;
    WordOffsets m_given_key_offsets;
    WordOffsets m_surname_offsets;
    WordOffsets m_surname_key_offsets;
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
