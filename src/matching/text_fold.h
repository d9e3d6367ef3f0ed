#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace retorno::matching {

// The letter ñ survives folding as this single byte (its Latin-1 code), so that folded text
// stays one byte per letter for the similarity measures while "Peña" and "Pena" stay apart.
inline constexpr char kEnye = '\xF1';

// One word of a name after folding: lower-case ASCII letters and digits, plus kEnye.
struct FoldedToken {
    std::string text;
    // The word was written with a trailing dot ("Ma.", "Fco."), a sign of an abbreviation.
    bool had_dot = false;
};

// Folds a name written by hand into comparable words: lower case; accents and other marks
// removed except the tilde of ñ; punctuation and spacing become word breaks, except apostrophes,
// which join ("D'Alessio" is "dalessio"); letters of other scripts (Cyrillic, Greek, Arabic,
// Han...) are transliterated to Latin with ICU, so that a name is never silently emptied.
// Refuses text that is not valid UTF-8.
Result<std::vector<FoldedToken>> fold_name(std::string_view utf8);

// The same words joined by single spaces, for fields compared as a whole (a place, a mother's
// full name). Invalid UTF-8 is refused as above.
Result<std::string> fold_text(std::string_view utf8);

// Folded text shown to a reader: kEnye back to "ñ".
std::string folded_to_utf8(std::string_view folded);

// Whether `text` is valid UTF-8 (no overlong forms, surrogates or truncated sequences); on
// failure `bad_offset` is the byte offset of the first bad sequence.
bool is_valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

}  // namespace retorno::matching
