#include "matching/person_record.h"
#include "core/whole_number.h"

#include <algorithm>
#include <charconv>

#include "matching/spanish_phonetic.h"
#include "matching/text_fold.h"

namespace retorno::matching {

namespace {

Result<std::vector<FoldedToken>> fold_field(std::string_view text, const char* field) {
    auto tokens = fold_name(text);
    if (!tokens)
        return fail(Error::invalid(field, std::string(field) + " is not valid UTF-8"));
    return tokens;
}

std::vector<std::string> texts(const std::vector<FoldedToken>& tokens) {
    std::vector<std::string> out;
    out.reserve(tokens.size());
    for (const auto& token : tokens)
        out.push_back(token.text);
    return out;
}

void append_word(std::string& joined, std::string_view word) {
    if (!joined.empty())
        joined.push_back(' ');
    joined += word;
}

// Given names: particles dropped ("María de los Ángeles" is "maria angeles"), abbreviations
// expanded ("Ma." is "maria").
std::vector<std::string> parse_given(const std::vector<FoldedToken>& tokens,
                                     const NameTables& tables) {
    const auto words = texts(tokens);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < words.size();) {
        if (auto particle = tables.particle_at(words, i)) {
            i += particle->word_count;
            continue;
        }
        if (const auto* full = tables.abbreviation(words[i], NamePart::Given)) {
            out.push_back(*full);
        } else {
            out.push_back(words[i]);
        }
        ++i;
    }
    return out;
}

struct Surnames {
    std::vector<std::string> own;
    std::vector<std::string> married;
};

// Surnames: titles and joiners dropped ("de la Cruz" is "cruz"); what follows "viuda de" is a
// husband's surname, and so is a last "de X" after two surnames ("López Pérez de Hernández").
Surnames parse_surnames(const std::vector<FoldedToken>& tokens, const NameTables& tables) {
    const auto words = texts(tokens);
    Surnames out;
    for (std::size_t i = 0; i < words.size();) {
        if (auto particle = tables.particle_at(words, i)) {
            const std::size_t rest = i + particle->word_count;
            const bool married_de = particle->kind == ParticleKind::Joiner && words[i] == "de" &&
                                    particle->word_count == 1 && out.own.size() >= 2 &&
                                    rest + 1 == words.size();
            if (particle->kind == ParticleKind::Married || married_de) {
                for (std::size_t j = rest; j < words.size(); ++j) {
                    if (!tables.particle_at(words, j))
                        out.married.push_back(words[j]);
                }
                break;
            }
            i = rest;
            continue;
        }
        if (const auto* full = tables.abbreviation(words[i], NamePart::Surname)) {
            out.own.push_back(*full);
        } else {
            out.own.push_back(words[i]);
        }
        ++i;
    }
    return out;
}

std::string join(const std::vector<std::string>& words) {
    std::string joined;
    for (const auto& word : words)
        append_word(joined, word);
    return joined;
}

Result<Gender> parse_gender(std::string_view text) {
    auto folded = fold_text(text);
    if (!folded)
        return fail(Error::invalid("prs_Gender", "prs_Gender is not valid UTF-8"));
    const std::string& g = *folded;
    if (g == "feminine" || g == "f" || g == "female" || g == "femenino" || g == "mujer") {
        return Gender::Feminine;
    }
    if (g == "masculine" || g == "m" || g == "male" || g == "masculino" || g == "hombre") {
        return Gender::Masculine;
    }
    // Gender identity may be recorded differently by different institutions over time, so the
    // other HTCDS values neither agree nor disagree with anything.
    if (g.empty() || g == "nonspecifiedunknown" || g == "transgenderfeminine" ||
        g == "transgendermasculine" || g == "nonconforming" || g == "unknown") {
        return Gender::Unknown;
    }
    return fail(Error::invalid("prs_Gender",
                               "prs_Gender must be an HTCDS value such as Feminine or Masculine"));
}

Result<std::array<char, 2>> parse_nationality(std::string_view text) {
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ')
        text.remove_suffix(1);
    std::array<char, 2> code{};
    if (text.empty())
        return code;
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
    if (text.size() != 2 || !letter(text[0]) || !letter(text[1])) {
        return fail(Error::invalid("prs_Nationality",
                                   "prs_Nationality must be an ISO 3166-1 alpha-2 code"));
    }
    for (std::size_t i = 0; i < 2; ++i) {
        code[i] = static_cast<char>(text[i] >= 'a' ? text[i] - 'a' + 'A' : text[i]);
    }
    return code;
}

Result<BirthEvidence> parse_birth(const PersonRecord& record) {
    BirthEvidence evidence;
    auto birth = parse_partial_date(record.birthdate);
    if (!birth) {
        return fail(Error::invalid("prs_Birthdate", "prs_Birthdate: " + birth.error().message));
    }
    evidence.birth = *birth;
    if (record.age_estimate.empty() != record.age_estimate_date.empty()) {
        return fail(
            Error::invalid("age_estimate", "age_estimate and age_estimate_date go together"));
    }
    if (!record.age_estimate.empty()) {
        const int age = whole_number<int>(record.age_estimate).value_or(-1);
        if (age < 0 || age > 120) {
            return fail(Error::invalid("age_estimate",
                                       "age_estimate must be whole years between 0 and 120"));
        }
        auto date = parse_partial_date(record.age_estimate_date);
        if (!date || !*date) {
            return fail(Error::invalid("age_estimate_date",
                                       "age_estimate_date must be a date (YYYY-MM-DD)"));
        }
        evidence.age_estimate = age;
        evidence.age_estimate_date = **date;
    }
    return evidence;
}

}  // namespace

Words split_words(std::string_view joined) {
    Words words;
    words.text = joined;
    std::size_t start = 0;
    while (start < joined.size() && words.size < words.start.size()) {
        std::size_t end = joined.find(' ', start);
        if (end == std::string_view::npos)
            end = joined.size();
        if (end > start) {
            words.start[words.size] = static_cast<std::uint32_t>(start);
            words.length[words.size] = static_cast<std::uint32_t>(end - start);
            ++words.size;
        }
        start = end + 1;
    }
    return words;
}

WordOffsets::WordOffsets(std::string_view joined) {
    if (joined.size() > 255) {
        m_fits = false;
        return;
    }
    const Words words = split_words(joined);
    for (std::size_t i = 0; i < words.size; ++i) {
        m_start[i] = static_cast<std::uint8_t>(words[i].data() - joined.data());
        m_length[i] = static_cast<std::uint8_t>(words[i].size());
    }
    m_size = static_cast<std::uint8_t>(words.size);
}

Words WordOffsets::in(std::string_view joined) const {
    if (!m_fits)
        return split_words(joined);
    Words words;
    words.text = joined;
    for (std::size_t i = 0; i < m_size; ++i) {
        words.start[i] = m_start[i];
        words.length[i] = m_length[i];
    }
    words.size = m_size;
    return words;
}

void PreparedPerson::set_texts(std::string_view id, std::string_view given,
                               std::string_view given_key, std::string_view surnames,
                               std::string_view surname_key, std::string_view married,
                               std::string_view mother_name, std::string_view birth_place) {
    const std::array<std::string_view, kTexts> texts{
        id, given, given_key, surnames, surname_key, married, mother_name, birth_place};
    std::string joined;
    std::size_t size = 0;
    for (auto t : texts)
        size += t.size();
    joined.reserve(size);
    for (std::size_t i = 0; i < texts.size(); ++i) {
        joined += texts[i];
        m_end[i] = static_cast<std::uint32_t>(joined.size());
    }
    m_text = std::move(joined);
    m_given_offsets = WordOffsets(this->given());
    m_given_key_offsets = WordOffsets(this->given_key());
    m_surname_offsets = WordOffsets(this->surnames());
    m_surname_key_offsets = WordOffsets(this->surname_key());
}

Result<PreparedPerson> prepare_person(const PersonRecord& record, const NameTables& tables) {
    PreparedPerson person;
    auto given_tokens = TRY(fold_field(record.first_name, "prs_FirstName"));
    auto middle_tokens = TRY(fold_field(record.middle_name, "prs_MiddleName"));
    given_tokens.insert(given_tokens.end(), middle_tokens.begin(), middle_tokens.end());
    auto given = parse_given(given_tokens, tables);
    auto surnames = parse_surnames(TRY(fold_field(record.second_name, "prs_SecondName")), tables);
    // A whole name typed into the first-name box, with no surname given: the last two words
    // of three or more are taken as the surnames, as a Spanish name is usually written.
    if (surnames.own.empty() && given.size() >= 3) {
        surnames.own.assign(given.end() - 2, given.end());
        given.resize(given.size() - 2);
    }
    const std::string given_text = join(given);
    const std::string surname_text = join(surnames.own);
    if (!given.empty())
        person.first_given_expansions = tables.nickname_expansions(given.front());
    const NameFrequencies& frequencies = tables.frequencies();
    using Part = NameFrequencies::Part;
    person.given_rarity = static_cast<float>(frequencies.rarity_weight(Part::Given, given_text));
    if (!given.empty()) {
        double first = frequencies.rarity_weight(Part::Given, given.front());
        if (person.first_given_expansions) {
            for (const auto& expansion : *person.first_given_expansions)
                first = std::min(first, frequencies.rarity_weight(Part::Given, expansion));
        }
        person.first_given_rarity = static_cast<float>(first);
    }
    for (std::size_t i = 0; i < surnames.own.size() && i < person.surname_rarity.size(); ++i) {
        person.surname_rarity[i] =
            static_cast<float>(frequencies.rarity_weight(Part::Surname, surnames.own[i]));
    }
    std::string mother_text;
    if (!record.mother_name.empty()) {
        auto mother = fold_text(record.mother_name);
        if (!mother)
            return fail(Error::invalid("mother_name", "mother_name is not valid UTF-8"));
        mother_text = std::move(*mother);
    }
    std::string place_text;
    if (!record.birth_place.empty()) {
        auto place = fold_text(record.birth_place);
        if (!place)
            return fail(Error::invalid("birth_place", "birth_place is not valid UTF-8"));
        place_text = std::move(*place);
    }
    person.set_texts(record.id, given_text, spanish_phonetic_keys(given_text), surname_text,
                     spanish_phonetic_keys(surname_text), join(surnames.married), mother_text,
                     place_text);
    person.nationality = TRY(parse_nationality(record.nationality));
    person.gender = TRY(parse_gender(record.gender));
    person.birth = TRY(parse_birth(record));
    return person;
}

}  // namespace retorno::matching
