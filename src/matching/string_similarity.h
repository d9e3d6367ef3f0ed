#pragma once

#include <cstddef>
#include <string_view>

namespace retorno::matching {

// Names are short: the measures below compare the first kComparedLength bytes of each text, so
// that their flags and bit vectors fit on the stack and in one word. (The screening's surname
// sketches rely on it: surname_sketch.cpp.)
inline constexpr std::size_t kComparedLength = 64;

// Jaro-Winkler similarity in [0, 1] (1 for equal strings, 0 when either is empty), with the
// usual prefix scale 0.1 over at most four characters: typing errors rarely hit the start of a
// name, so a shared beginning counts for more.
double jaro_winkler(std::string_view a, std::string_view b);
// Whether jaro_winkler(a, b) >= threshold, skipping the full computation when a cheap bound
// already rules it out.
bool jaro_winkler_at_least(std::string_view a, std::string_view b, double threshold);

// Edit distance counting insertions, deletions, substitutions and transpositions of two
// neighbouring letters (optimal string alignment), on the first 64 bytes of each text. Stops
// counting at `limit` and returns it.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit = 64);

}  // namespace retorno::matching
