#include "core/id.h"

#include <sodium.h>

#include "core/hex.h"

namespace retorno {

Id Id::generate(Timestamp at) {
    Id id;
    auto millis = static_cast<std::uint64_t>(at.time_since_epoch().count());
    for (int i = 0; i < 6; ++i) {
        id.m_bytes[static_cast<std::size_t>(i)] =
            static_cast<std::uint8_t>(millis >> (8 * (5 - i)));
    }
    randombytes_buf(id.m_bytes.data() + 6, 10);
    id.m_bytes[6] = static_cast<std::uint8_t>(0x70 | (id.m_bytes[6] & 0x0F));  // version 7
    id.m_bytes[8] = static_cast<std::uint8_t>(0x80 | (id.m_bytes[8] & 0x3F));  // RFC variant
    return id;
}

Id Id::generate() {
    return generate(now_utc());
}

std::optional<Id> Id::parse(std::string_view text) {
    if (text.size() != 36)
        return std::nullopt;
    Id id;
    std::size_t byte = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-')
                return std::nullopt;
            ++i;
            continue;
        }
        int high = hex_value(text[i]);
        int low = hex_value(text[i + 1]);
        if (high < 0 || low < 0)
            return std::nullopt;
        id.m_bytes[byte++] = static_cast<std::uint8_t>(high * 16 + low);
        i += 2;
    }
    return id;
}

std::size_t Id::hash() const noexcept {
    std::uint64_t tail = 0;
    for (std::size_t i = 8; i < m_bytes.size(); ++i)
        tail = (tail << 8) | m_bytes[i];
    return static_cast<std::size_t>(tail);
}

std::string Id::to_string() const {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < m_bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(digits[m_bytes[i] >> 4]);
        out.push_back(digits[m_bytes[i] & 0x0F]);
    }
    return out;
}

bool Id::is_nil() const {
    for (auto b : m_bytes) {
        if (b != 0)
            return false;
    }
    return true;
}

Timestamp Id::timestamp() const {
    std::uint64_t millis = 0;
    for (std::size_t i = 0; i < 6; ++i)
        millis = (millis << 8) | m_bytes[i];
    return Timestamp(std::chrono::milliseconds(millis));
}

}  // namespace retorno
