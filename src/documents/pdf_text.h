#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace retorno::documents {

// Text as the PDF fonts can draw it: valid UTF-8 of the Basic Multilingual Plane, without
// control characters. Invalid bytes and characters beyond U+FFFF (which libharu's UTF-8
// encoder does not handle) become U+FFFD; tabs and line breaks become spaces.
std::string printable_text(std::string_view text);

// The UTF-8 characters of a text, one string each, so that a word too long for its line is
// cut between characters and never inside one.
std::vector<std::string> utf8_characters(std::string_view text);

}  // namespace retorno::documents
