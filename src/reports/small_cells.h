#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
// "12", "0" or "<5".
std::string display(const Cell& cell);

}  // namespace retorno::reports
