#pragma once

#include <string>
#include <string_view>
#include <vector>

// Small UTF-8 text operations for the Spanish letters that names use. The generator needs only
// these; the matcher folds text with ICU.
namespace retorno::synthetic {

// "Hernández Peña" -> "Hernandez Pena"; other characters are kept.
std::string without_accents(std::string_view text);
// A plain lower-case letter with its Spanish mark: "e" -> "é", "u" -> "ú", "n" -> "ñ"; a letter
// that has none is returned as it is.
std::string_view with_accent(std::string_view vowel);
// "José Núñez" -> "JOSÉ NÚÑEZ" (ASCII letters and the accented Spanish letters).
std::string upper_case(std::string_view text);
// The code points of `text`, each as its UTF-8 bytes.
std::vector<std::string> characters(std::string_view text);
// Words separated by single spaces.
std::vector<std::string> words(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

}  // namespace retorno::synthetic
