#include "synthetic/text.h"

#include <array>
#include <utility>

namespace retorno::synthetic {

namespace {

struct Letter {
    std::string_view lower;
    std::string_view upper;
    std::string_view plain_lower;
    std::string_view plain_upper;
};

constexpr std::array<Letter, 9> kLetters{{
    {"á", "Á", "a", "A"},
    {"é", "É", "e", "E"},
    {"í", "Í", "i", "I"},
    {"ó", "Ó", "o", "O"},
    {"ú", "Ú", "u", "U"},
    {"ü", "Ü", "u", "U"},
    {"ñ", "Ñ", "n", "N"},
    {"ä", "Ä", "a", "A"},
    {"ö", "Ö", "o", "O"},
}};

}  // namespace

std::string_view with_accent(std::string_view vowel) {
    // The first letter of the table whose plain form it is: "u" is "ú", not "ü".
    for (const Letter& letter : kLetters) {
        if (letter.plain_lower == vowel)
            return letter.lower;
    }
    return vowel;
}

std::vector<std::string> characters(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        auto byte = static_cast<unsigned char>(text[i]);
        std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
        if (i + length > text.size())
            length = text.size() - i;
        out.emplace_back(text.substr(i, length));
        i += length;
    }
    return out;
}

std::string without_accents(std::string_view text) {
    std::string out;
    for (const auto& c : characters(text)) {
        std::string_view replacement = c;
        for (const auto& letter : kLetters) {
            if (c == letter.lower)
                replacement = letter.plain_lower;
            if (c == letter.upper)
                replacement = letter.plain_upper;
        }
        out += replacement;
    }
    return out;
}

std::string upper_case(std::string_view text) {
    std::string out;
    for (const auto& c : characters(text)) {
        if (c.size() == 1 && c[0] >= 'a' && c[0] <= 'z') {
            out.push_back(static_cast<char>(c[0] - 'a' + 'A'));
            continue;
        }
        std::string_view replacement = c;
        for (const auto& letter : kLetters) {
            if (c == letter.lower)
                replacement = letter.upper;
        }
        out += replacement;
    }
    return out;
}

std::vector<std::string> words(std::string_view text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string_view::npos)
            end = text.size();
        if (end > start)
            out.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

}  // namespace retorno::synthetic
