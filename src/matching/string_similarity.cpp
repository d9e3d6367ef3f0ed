#include "matching/string_similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

namespace retorno::matching {

namespace {

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

// The optimal string alignment distance of two texts of at most kComparedLength (64) bytes, a
// column of the distance table per byte of `b` as bit vectors (Myers 1999, with Hyyrö's 2003
// term for transpositions): a few word operations per byte instead of a row of the table. Bit i
// of `match[c]` is set when a[i] == c; the table is kept clear between calls, so that only the
// bytes of `a` are set and cleared each time.
std::size_t osa_distance(std::string_view a, std::string_view b) {
    if (a.empty())
        return b.size();
    thread_local std::array<std::uint64_t, 256> match{};
    for (std::size_t i = 0; i < a.size(); ++i)
        match[static_cast<unsigned char>(a[i])] |= std::uint64_t{1} << i;
    const std::uint64_t last = std::uint64_t{1} << (a.size() - 1);
    std::uint64_t vertical_plus = a.size() == 64 ? ~std::uint64_t{0} : (last << 1) - 1;
    std::uint64_t vertical_minus = 0;
    std::uint64_t diagonal_zero = 0;
    std::uint64_t previous_match = 0;
    std::size_t distance = a.size();
    for (char c : b) {
        const std::uint64_t eq = match[static_cast<unsigned char>(c)];
        const std::uint64_t transposed = ((~diagonal_zero & eq) << 1) & previous_match;
        diagonal_zero = (((eq & vertical_plus) + vertical_plus) ^ vertical_plus) | eq |
                        vertical_minus | transposed;
        std::uint64_t horizontal_plus = vertical_minus | ~(diagonal_zero | vertical_plus);
        std::uint64_t horizontal_minus = diagonal_zero & vertical_plus;
        if ((horizontal_plus & last) != 0)
            ++distance;
        else if ((horizontal_minus & last) != 0)
            --distance;
        horizontal_plus = (horizontal_plus << 1) | 1;
        horizontal_minus <<= 1;
        vertical_plus = horizontal_minus | ~(diagonal_zero | horizontal_plus);
        vertical_minus = horizontal_plus & diagonal_zero;
        previous_match = eq;
    }
    for (char c : a)
        match[static_cast<unsigned char>(c)] = 0;
    return distance;
}
}  // namespace

double jaro_winkler(std::string_view a, std::string_view b) {
    if (a.empty() || b.empty())
        return 0.0;
    if (a == b)
        return 1.0;
    a = a.substr(0, kComparedLength);
    b = b.substr(0, kComparedLength);
    const std::size_t window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
    std::array<bool, kComparedLength> a_matched{};
    std::array<bool, kComparedLength> b_matched{};
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
    const std::string_view x = a.substr(0, kComparedLength);
    const std::string_view y = b.substr(0, kComparedLength);
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
    a = a.substr(0, kComparedLength);
    b = b.substr(0, kComparedLength);
    if (a.size() > b.size())
        std::swap(a, b);
    if (b.size() - a.size() >= limit)
        return limit;
    // Most words compared are different names, far apart. A lower bound settles them without
    // the bit vectors (and costs less than they do): an edit changes by at most one how many
    // characters of the longer word have no counterpart in the other (a transposition by none), so
    // the distance is at least that many.
    const std::size_t common = characters_in_common_at_most(a, b);
    if (b.size() - common >= limit)
        return limit;
    return std::min(osa_distance(a, b), limit);
}

}  // namespace retorno::matching
