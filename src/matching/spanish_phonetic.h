#pragma once

#include <string>
#include <string_view>

namespace retorno::matching {

// A phonetic key for one folded Spanish word (see text_fold.h), built for the way names are
// said in Mexico and Central America, where Soundex and Metaphone (made for English) fail:
// b, v and w sound alike; s, z and c before e or i sound alike (seseo); ll and y sound alike
// (yeísmo); h is silent except in ch; g before e or i and j sound alike, as does an initial x
// ("Ximena", "Jimena"); qu, k and hard c sound alike; rr is r; ñ is keyed as n (its
// distinction is kept in the folded text, where exact agreement is decided). Vowels are
// kept, since Spanish spells them as it says them, and repeated letters are collapsed.
// Examples: "hernandez" -> "ERNANDES", "baldez" -> "BALDES", "quintero" -> "KINTERO".
std::string spanish_phonetic_key(std::string_view folded_word);

// The keys of each space-separated word, joined by spaces.
std::string spanish_phonetic_keys(std::string_view folded_words);

}  // namespace retorno::matching
