#include "matching/string_similarity.h"

#include <algorithm>
#include <array>
#include <vector>

namespace retorno::matching {

namespace {
// Names are short; longer text is compared on its first kMaxLength bytes so that the flags
// fit on the stack.
constexpr std::size_t kMaxLength = 64;
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

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
    if (a.size() > b.size())
        std::swap(a, b);
    if (b.size() - a.size() >= limit)
        return limit;
    a = a.substr(0, kMaxLength);
    b = b.substr(0, kMaxLength);
    const std::size_t width = b.size() + 1;
    std::array<std::size_t, kMaxLength + 1> two_back{};
    std::array<std::size_t, kMaxLength + 1> previous{};
    std::array<std::size_t, kMaxLength + 1> current{};
    for (std::size_t j = 0; j < width; ++j)
        previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        std::size_t row_min = current[0];
        for (std::size_t j = 1; j < width; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            std::size_t value =
                std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                value = std::min(value, two_back[j - 2] + 1);
            }
            current[j] = value;
            row_min = std::min(row_min, value);
        }
        if (row_min >= limit)
            return limit;
        two_back = previous;
        previous = current;
    }
    return std::min(previous[b.size()], limit);
}

}  // namespace retorno::matching
