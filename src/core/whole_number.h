#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace retorno {

// The whole number that `text` is, all of it ("12", but not "12 años", "1e3", " 12", "+12" or
// ""), or nothing. For every number that a person, a request or a file writes: a prefix that
// parses is not the number they wrote, and must be refused rather than read as it.
template <typename Integer>
std::optional<Integer> whole_number(std::string_view text) {
    Integer value{};
    const auto* end = text.data() + text.size();
    auto [stop, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc{} || stop != end)
        return std::nullopt;
    return value;
}

}  // namespace retorno
