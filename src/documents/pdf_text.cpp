#include "documents/pdf_text.h"

namespace retorno::documents {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The length of the valid UTF-8 sequence at `at` and its code point, or 0 when invalid.
std::size_t decode(std::string_view text, std::size_t at, char32_t& code_point) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(at);
    std::size_t length = 0;
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code_point = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code_point = lead & 0x07;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(at + i) & 0xC0) != 0x80)
            return 0;
        code_point = (code_point << 6) | (byte(at + i) & 0x3F);
    }
    // Overlong forms and surrogates are not valid UTF-8.
    static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || (code_point >= 0xD800 && code_point <= 0xDFFF) ||
        code_point > 0x10FFFF) {
        return 0;
    }
    return length;
}

}  // namespace

std::string printable_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        char32_t code_point = 0;
        std::size_t length = decode(text, at, code_point);
        if (length == 0) {
            out += kReplacement;
            ++at;
            continue;
        }
        if (code_point < 0x20 || code_point == 0x7F) {
            out += ' ';
        } else if (code_point > 0xFFFF) {
            out += kReplacement;
        } else {
            out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

std::vector<std::string> utf8_characters(std::string_view text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < text.size()) {
        char32_t code_point = 0;
        std::size_t length = decode(text, at, code_point);
        if (length == 0)
            length = 1;
        out.emplace_back(text.substr(at, length));
        at += length;
    }
    return out;
}

}  // namespace retorno::documents
