#include "matching/string_similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace retorno::matching {

namespace {
// Names are short; longer text is compared on its first kMaxLength bytes so that the flags
// fit on the stack.
constexpr std::size_t kMaxLength = 64;

// How many characters the two texts have in common as multisets, or more: characters are
// counted in 32 buckets (the letters apart), and sharing a bucket can only raise the count, so
// the answer is an upper bound that the comparisons below may use to skip their full work.
std::size_t characters_in_common_at_most(std::string_view a, std::string_view b) {
    std::array<std::uint8_t, 32> count{};
    for (char c : a)
        ++count[static_cast<unsigned char>(c) & 31u];
    std::size_t common = 0;
    for (char c : b) {
        auto& n = count[static_cast<unsigned char>(c) & 31u];
        if (n > 0) {
            --n;
            ++common;
        }
    }
    return common;
}
}  // namespace

double jaro_winkler(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty())
        return 0.0;
    if (a == b)
        return 1.0;
    a = a.substr(0, kMaxLength);
    b = b.substr(0, kMaxLength);
    const std::size_t window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
    std::array<bool, kMaxLength> a_matched{};
    std::array<bool, kMaxLength> b_matched{};
    std::size_t matches = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::size_t lo = i > window ? i - window : 0;
        const std::size_t hi = std::min(i + window + 1, b.size());
        for (std::size_t j = lo; j < hi; ++j) {
            if (!b_matched[j] && a[i] == b[j]) {
                a_matched[i] = b_matched[j] = true;
                ++matches;
                break;
            }
        }
    }
    if (matches == 0)
        return 0.0;
    std::size_t transpositions = 0;
    for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
        if (!a_matched[i])
            continue;
        while (!b_matched[j])
            ++j;
        if (a[i] != b[j])
            ++transpositions;
        ++j;
    }
    const double m = static_cast<double>(matches);
    const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                         (m - static_cast<double>(transpositions) / 2.0) / m) /
                        3.0;
    std::size_t prefix = 0;
    while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) {
        ++prefix;
    }
    return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

bool jaro_winkler_at_least(std::string_view a, std::string_view b, double threshold) {
    if (a.empty() || b.empty())
        return threshold <= 0.0;
    if (a == b)
        return true;
    // An upper bound first, since most texts compared differ widely: the matching characters
    // are at most the characters the two have in common (as multisets), the transpositions at
    // least none, and the prefix bonus at most four characters' worth.
    const std::string_view x = a.substr(0, kMaxLength);
    const std::string_view y = b.substr(0, kMaxLength);
    const std::size_t common = characters_in_common_at_most(x, y);
    const double m = static_cast<double>(common);
    const double jaro_bound =
        common == 0
            ? 0.0
            : (m / static_cast<double>(x.size()) + m / static_cast<double>(y.size()) + 1.0) / 3.0;
    if (jaro_bound + 0.4 * (1.0 - jaro_bound) < threshold)
        return false;
    return jaro_winkler(a, b) >= threshold;
}

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size())
        std::swap(a, b);
    if (b.size() - a.size() >= limit)
        return limit;
    a = a.substr(0, kMaxLength);
    b = b.substr(0, kMaxLength);
    // Most words compared are different names, far apart. A lower bound settles them without
    // the table: an edit changes by at most one how many characters of the longer word have no
    // counterpart in the other (a transposition by none), so the distance is at least that many.
    const std::size_t common = characters_in_common_at_most(a, b);
    if (b.size() - common >= limit)
        return limit;
    const std::size_t width = b.size() + 1;
    // Three rows that take turns (two back, previous, current); distances fit in a byte since
    // the texts are at most kMaxLength long. This runs for most pairs of words compared.
    std::array<std::array<std::uint8_t, kMaxLength + 1>, 3> rows;
    std::uint8_t* two_back = rows[0].data();
    std::uint8_t* previous = rows[1].data();
    std::uint8_t* current = rows[2].data();
    for (std::size_t j = 0; j < width; ++j)
        previous[j] = static_cast<std::uint8_t>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = static_cast<std::uint8_t>(i);
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j < width; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t value = std::min<std::size_t>(
                {previous[j] + 1u, current[j - 1] + 1u, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                value = std::min<std::size_t>(value, two_back[j - 2] + 1u);
            }
            current[j] = static_cast<std::uint8_t>(value);
            row_min = std::min(row_min, value);
        }
        if (row_min >= limit)
            return limit;
        std::uint8_t* reused = two_back;
        two_back = previous;
        previous = current;
        current = reused;
    }
    return std::min<std::size_t>(previous[b.size()], limit);
}

}  // namespace retorno::matching
