#include "crypto/base64url.h"

#include <array>
#include <cstdint>

namespace retorno {

namespace {

constexpr std::uint8_t kNotInAlphabet = 0xFF;

constexpr std::array<std::uint8_t, 256> make_sextets() {
    std::array<std::uint8_t, 256> table{};
    for (auto& entry : table)
        entry = kNotInAlphabet;
    constexpr std::string_view kAlphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    return table;
}

constexpr std::array<std::uint8_t, 256> kSextets = make_sextets();

}  // namespace

std::optional<std::size_t> decode_base64url(std::string_view text, unsigned char* out) {
    // Four characters carry three bytes; a last group of one character carries none.
    if (text.size() % 4 == 1)
        return std::nullopt;
    std::size_t written = 0;
    std::uint32_t bits = 0;
    int bit_count = 0;
    for (char c : text) {
        const std::uint8_t sextet = kSextets[static_cast<unsigned char>(c)];
        if (sextet == kNotInAlphabet)
            return std::nullopt;
        bits = (bits << 6) | sextet;
        bit_count += 6;
        if (bit_count >= 8) {
            bit_count -= 8;
            out[written++] = static_cast<unsigned char>(bits >> bit_count);
            bits &= (1u << bit_count) - 1u;
        }
    }
    // What is left over is padding of the last byte, and must be zero.
    if (bits != 0)
        return std::nullopt;
    return written;
}

}  // namespace retorno
