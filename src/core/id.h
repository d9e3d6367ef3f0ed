#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/time.h"

namespace retorno {

// A UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids sort by creation
// time, so the event log and B-tree indexes stay append-mostly, and they reveal nothing about
// the person they name.
class Id {
  public:
    Id() = default;

    // A new id for the given instant, with 74 random bits from libsodium.
    static Id generate(Timestamp at);
    static Id generate();
    // Parses the canonical 8-4-4-4-12 lowercase or uppercase form; nothing else is accepted.
    static std::optional<Id> parse(std::string_view text);

    std::string to_string() const;
    bool is_nil() const;
    Timestamp timestamp() const;

    auto operator<=>(const Id&) const = default;
    // For hash maps: the id's random tail, already uniform.
    std::size_t hash() const noexcept;

  private:
    std::array<std::uint8_t, 16> m_bytes{};
};

}  // namespace retorno

template <>
struct std::hash<retorno::Id> {
    std::size_t operator()(const retorno::Id& id) const noexcept { return id.hash(); }
};
