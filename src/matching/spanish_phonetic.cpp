#include "matching/spanish_phonetic.h"

#include "matching/text_fold.h"

namespace retorno::matching {

namespace {

bool front_vowel(char c) {
    return c == 'e' || c == 'i' || c == 'y';
}
bool vowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

}  // namespace

std::string spanish_phonetic_key(std::string_view w) {
    std::string key;
    key.reserve(w.size());
    auto emit = [&key](char c) {
        // Collapsing repeats makes "Anna" and "Ana", "Sánchez" and "Sanches" agree.
        if (key.empty() || key.back() != c)
            key.push_back(c);
    };
    const std::size_t n = w.size();
    for (std::size_t i = 0; i < n; ++i) {
        const char c = w[i];
        const char next = i + 1 < n ? w[i + 1] : '\0';
        const char after = i + 2 < n ? w[i + 2] : '\0';
        switch (c) {
            case 'h':
                break;  // Silent; "ch" is handled at the c.
            case 'c':
                if (next == 'h') {
                    emit('C');
                    ++i;
                } else if (front_vowel(next)) {
                    emit('S');
                } else {
                    emit('K');
                }
                break;
            case 'q':
                emit('K');
                if (next == 'u')
                    ++i;
                break;
            case 'k':
                emit('K');
                break;
            case 'g':
                if (front_vowel(next)) {
                    emit('J');
                } else if (next == 'u' && front_vowel(after)) {
                    emit('G');
                    ++i;
                } else {
                    emit('G');
                }
                break;
            case 'j':
                emit('J');
                break;
            case 'x':
                if (i == 0) {
                    emit('J');
                } else {
                    emit('K');
                    emit('S');
                }
                break;
            case 'z':
            case 's':
                emit('S');
                break;
            case 'b':
            case 'v':
            case 'w':
                emit('B');
                break;
            case 'l':
                if (next == 'l') {
                    emit('Y');
                    ++i;
                } else {
                    emit('L');
                }
                break;
            case 'y':
                emit(vowel(next) ? 'Y' : 'I');
                break;
            case kEnye:
                emit('N');
                break;
            case 'p':
                if (next == 'h') {
                    emit('F');
                    ++i;
                } else {
                    emit('P');
                }
                break;
            case 't':
                emit('T');
                if (next == 'h')
                    ++i;
                break;
            case 'm':
                emit(next == 'b' || next == 'p' || next == 'v' ? 'N' : 'M');
                break;
            default:
                if (c >= 'a' && c <= 'z') {
                    emit(static_cast<char>(c - 'a' + 'A'));
                } else {
                    emit(c);
                }
        }
    }
    return key;
}

std::string spanish_phonetic_keys(std::string_view words) {
    std::string out;
    std::size_t start = 0;
    while (start < words.size()) {
        std::size_t end = words.find(' ', start);
        if (end == std::string_view::npos)
            end = words.size();
        if (end > start) {
            if (!out.empty())
                out.push_back(' ');
            // A word with no sound of its own ("h") still takes a place, so that the keys stay
            // aligned with the words.
            std::string key = spanish_phonetic_key(words.substr(start, end - start));
            out += key.empty() ? std::string("0") : key;
        }
        start = end + 1;
    }
    return out;
}

}  // namespace retorno::matching
