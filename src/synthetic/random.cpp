#include "synthetic/random.h"

#include <cassert>

namespace retorno::synthetic {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

namespace {

std::uint64_t rotl(std::uint64_t x, int k) {
    return (x << k) | (x >> (64 - k));
}

}  // namespace

Random::Random(std::uint64_t seed) {
    // splitmix64 spreads any seed, even 0, over the 256-bit state, which must not be all zero.
    for (auto& word : m_state)
        word = splitmix64(seed);
}

std::uint64_t Random::next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

std::uint64_t Random::below(std::uint64_t bound) {
    assert(bound > 0);  // A programmer error: there is nothing to draw from.
    // Rejects the values of the last, incomplete block of `bound` values, so that every result
    // is equally likely.
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    std::uint64_t value = next();
    while (value >= limit)
        value = next();
    return value % bound;
}

int Random::between(int low, int high) {
    return low + static_cast<int>(below(static_cast<std::uint64_t>(high - low) + 1));
}

double Random::unit() {
    return static_cast<double>(next() >> 11) * 0x1.0p-53;
}

bool Random::chance(double probability) {
    return unit() < probability;
}

std::size_t Random::weighted(std::span<const double> weights) {
    double total = 0;
    for (double w : weights)
        total += w;
    assert(total > 0);  // A programmer error: every list in names/ has a positive weight.
    double point = unit() * total;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (point < weights[i])
            return i;
        point -= weights[i];
    }
    // Rounding can leave `point` just above the last weight; the last positive one takes it.
    for (std::size_t i = weights.size(); i-- > 0;) {
        if (weights[i] > 0)
            return i;
    }
    return 0;
}

}  // namespace retorno::synthetic
