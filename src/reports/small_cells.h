#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace retorno::reports {

// Small-cell suppression. A count from 1 to 4 of children in one country and step could point
// to a particular child, so the dashboard never shows it: such a cell is published as "<5",
// and the true number does not leave the server (it is not in the JSON, nor in the length of a
// bar). Zero is shown, because "none" identifies nobody. A median computed from fewer than
// kSmallestShownCount cases is not shown either.
inline constexpr std::int64_t kSmallestShownCount = 5;

// A published count: the number, or nullopt when it was suppressed.
struct Cell {
    std::optional<std::int64_t> count;
    bool operator==(const Cell&) const = default;
};

Cell suppress_small(std::int64_t count);

// The cells of a table whose total is published too. Were a single cell suppressed, its count
// would be the total minus the cells shown; so then the smallest other non-zero cell is
// suppressed as well (complementary suppression), and only the sum of the suppressed cells
// can be worked out, never one of them. When the total itself is suppressed, nothing can be
// subtracted from it.
std::vector<Cell> suppress_with_total(const std::vector<std::int64_t>& counts);
// "12", "0" or "<5".
std::string display(const Cell& cell);

}  // namespace retorno::reports
