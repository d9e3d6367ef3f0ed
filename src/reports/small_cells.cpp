#include "reports/small_cells.h"

namespace retorno::reports {

Cell suppress_small(std::int64_t count) {
    if (count > 0 && count < kSmallestShownCount)
        return Cell{std::nullopt};
    return Cell{count};
}

std::string display(const Cell& cell) {
    if (!cell.count)
        return "<" + std::to_string(kSmallestShownCount);
    return std::to_string(*cell.count);
}

}  // namespace retorno::reports
