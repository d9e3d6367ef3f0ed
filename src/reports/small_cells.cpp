#include "reports/small_cells.h"

namespace retorno::reports {

Cell suppress_small(std::int64_t count) {
    if (count > 0 && count < kSmallestShownCount)
        return Cell{std::nullopt};
    return Cell{count};
}

std::vector<Cell> suppress_with_total(const std::vector<std::int64_t>& counts) {
    std::vector<Cell> cells;
    cells.reserve(counts.size());
    std::int64_t total = 0;
    std::size_t suppressed = 0;
    for (auto count : counts) {
        cells.push_back(suppress_small(count));
        total += count;
        suppressed += cells.back().count ? 0 : 1;
    }
    if (suppressed != 1 || !suppress_small(total).count)
        return cells;
    // The smallest shown non-zero cell joins the suppressed one. There is always one: were the
    // suppressed cell the only non-zero one, the total would be under kSmallestShownCount too.
    std::optional<std::size_t> smallest;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].count && *cells[i].count > 0 && (!smallest || counts[i] < counts[*smallest])) {
            smallest = i;
        }
    }
    if (smallest)
        cells[*smallest] = Cell{std::nullopt};
    return cells;
}

std::string display(const Cell& cell) {
    if (!cell.count)
        return "<" + std::to_string(kSmallestShownCount);
    return std::to_string(*cell.count);
}

}  // namespace retorno::reports
