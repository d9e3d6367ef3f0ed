#include "store/migration.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace retorno {

Result<std::vector<Migration>> migrations_from(std::span<const EmbeddedFile> files) {
    std::vector<Migration> out;
    for (const auto& file : files) {
        int number = 0;
        auto [end, ec] =
            std::from_chars(file.name.data(), file.name.data() + file.name.size(), number);
        if (ec != std::errc{} || end == file.name.data() || *end != '_') {
            return fail(Error::internal(fmt::format("migration '{}' has no number", file.name)));
        }
        out.push_back(Migration{number, file.name, file.content});
    }
    std::sort(out.begin(), out.end(),
              [](const Migration& a, const Migration& b) { return a.number < b.number; });
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (out[i].number != static_cast<int>(i) + 1) {
            return fail(Error::internal(
                fmt::format("migrations must be numbered 1, 2, 3...; found '{}' at position {}",
                            out[i].name, i + 1)));
        }
    }
    return out;
}

}  // namespace retorno
