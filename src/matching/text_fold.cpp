#include "matching/text_fold.h"

#include <memory>
#include <mutex>

#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace retorno::matching {

namespace {

// Collects folded characters into words.
class TokenBuilder {
  public:
    void letter(char c) { m_current.push_back(c); }
    void end_word(bool had_dot) {
        if (!m_current.empty()) {
            m_tokens.push_back(FoldedToken{std::move(m_current), had_dot});
            m_current.clear();
        }
    }
    std::vector<FoldedToken> finish() {
        end_word(false);
        return std::move(m_tokens);
    }

  private:
    std::string m_current;
    std::vector<FoldedToken> m_tokens;
};

bool is_apostrophe(UChar32 c) {
    return c == '\'' || c == 0x2019 || c == 0x00B4 || c == 0x0060;
}

void fold_ascii(char c, TokenBuilder& out) {
    if (c >= 'A' && c <= 'Z') {
        out.letter(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.letter(c);
    } else if (c == '.') {
        out.end_word(true);
    } else if (c == '\'' || c == '`') {
        // Apostrophes join: "D'Alessio" and "DAlessio" are the same name.
    } else {
        out.end_word(false);
    }
}

// Letters that NFKD does not decompose into a base letter and a mark.
const char* special_latin(UChar32 c) {
    switch (c) {
        case 0x00DF:
            return "ss";  // ß
        case 0x00E6:
        case 0x00C6:
            return "ae";
        case 0x0153:
        case 0x0152:
            return "oe";
        case 0x00F8:
        case 0x00D8:
            return "o";
        case 0x0111:
        case 0x0110:
            return "d";
        case 0x0142:
        case 0x0141:
            return "l";
        case 0x0131:
            return "i";
        case 0x00FE:
        case 0x00DE:
            return "th";
        case 0x00F0:
        case 0x00D0:
            return "d";
        default:
            return nullptr;
    }
}

void fold_code_point(UChar32 c, TokenBuilder& out) {
    if (c < 0x80) {
        fold_ascii(static_cast<char>(c), out);
        return;
    }
    if (c == 0x00F1 || c == 0x00D1) {
        out.letter(kEnye);
        return;
    }
    if (is_apostrophe(c)) {
        return;
    }
    if (const char* special = special_latin(c)) {
        for (const char* p = special; *p != '\0'; ++p)
            out.letter(*p);
        return;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkd = icu::Normalizer2::getNFKDInstance(status);
    icu::UnicodeString decomposition;
    if (U_SUCCESS(status) && nfkd->getDecomposition(c, decomposition)) {
        for (int32_t i = 0; i < decomposition.length();) {
            UChar32 d = decomposition.char32At(i);
            i += U16_LENGTH(d);
            if (d < 0x80) {
                fold_ascii(static_cast<char>(d), out);
            } else if (const char* special_d = special_latin(d)) {
                for (const char* p = special_d; *p != '\0'; ++p)
                    out.letter(*p);
            } else if (u_charType(d) == U_NON_SPACING_MARK || u_charType(d) == U_ENCLOSING_MARK) {
                // Accents and other marks carry no identity once ñ is dealt with.
            } else if (!u_isalnum(d)) {
                out.end_word(false);
            }
        }
        return;
    }
    if (u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_ENCLOSING_MARK) {
        return;
    }
    // Anything else that is not a Latin letter (a symbol, a space of another kind) breaks words.
    // A letter of another script never gets here: the whole name was transliterated before.
    out.end_word(false);
}

bool needs_transliteration(std::string_view utf8) {
    int32_t i = 0;
    const auto length = static_cast<int32_t>(utf8.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(utf8.data(), i, length, c);
        if (c < 0x80)
            continue;
        if (!u_isalpha(c))
            continue;
        UErrorCode status = U_ZERO_ERROR;
        UScriptCode script = uscript_getScript(c, &status);
        if (U_SUCCESS(status) && script != USCRIPT_LATIN && script != USCRIPT_COMMON &&
            script != USCRIPT_INHERITED) {
            return true;
        }
    }
    return false;
}

// ICU transliterators are not safe to share between threads, and names in other scripts are
// rare, so one instance behind a mutex is enough.
std::string transliterate_to_latin(std::string_view utf8) {
    static std::mutex mutex;
    static std::unique_ptr<icu::Transliterator> transliterator;
    static bool tried = false;
    std::lock_guard lock(mutex);
    if (!tried) {
        tried = true;
        UErrorCode status = U_ZERO_ERROR;
        transliterator.reset(
            icu::Transliterator::createInstance("Any-Latin; Latin-ASCII", UTRANS_FORWARD, status));
        if (U_FAILURE(status))
            transliterator.reset();
    }
    if (!transliterator)
        return std::string(utf8);
    auto text = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    transliterator->transliterate(text);
    std::string result;
    text.toUTF8String(result);
    return result;
}

}  // namespace

bool is_valid_utf8(std::string_view text, std::size_t* bad_offset) {
    int32_t i = 0;
    const auto length = static_cast<int32_t>(text.size());
    while (i < length) {
        const int32_t start = i;
        UChar32 c;
        U8_NEXT(text.data(), i, length, c);
        if (c < 0) {
            if (bad_offset != nullptr)
                *bad_offset = static_cast<std::size_t>(start);
            return false;
        }
    }
    return true;
}

Result<std::vector<FoldedToken>> fold_name(std::string_view utf8) {
    TokenBuilder out;
    bool ascii = true;
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) >= 0x80) {
            ascii = false;
            break;
        }
    }
    if (ascii) {
        for (char c : utf8)
            fold_ascii(c, out);
        return out.finish();
    }
    if (!is_valid_utf8(utf8)) {
        return fail(Error::invalid("", "The name is not valid UTF-8 text."));
    }
    std::string latin;
    if (needs_transliteration(utf8)) {
        latin = transliterate_to_latin(utf8);
        utf8 = latin;
    }
    int32_t i = 0;
    const auto length = static_cast<int32_t>(utf8.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(utf8.data(), i, length, c);
        if (c < 0) {
            continue;  // Cannot happen after the check above; skipped rather than trusted.
        }
        // "n" followed by a combining tilde is ñ written in decomposed form.
        if ((c == 'n' || c == 'N') && i < length) {
            int32_t j = i;
            UChar32 next;
            U8_NEXT(utf8.data(), j, length, next);
            if (next == 0x0303) {
                out.letter(kEnye);
                i = j;
                continue;
            }
        }
        fold_code_point(c, out);
    }
    return out.finish();
}

Result<std::string> fold_text(std::string_view utf8) {
    auto tokens = TRY(fold_name(utf8));
    std::string joined;
    for (const auto& token : tokens) {
        if (!joined.empty())
            joined.push_back(' ');
        joined += token.text;
    }
    return joined;
}

std::string folded_to_utf8(std::string_view folded) {
    std::string out;
    out.reserve(folded.size() + 2);
    for (char c : folded) {
        if (c == kEnye) {
            out += "\xC3\xB1";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

}  // namespace retorno::matching
