#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace retorno::synthetic {

// xoshiro256** seeded through splitmix64: small, fast and fully specified, so the same seed
// gives the same numbers with any compiler and standard library (std:: distributions do not).
class Random {
  public:
    explicit Random(std::uint64_t seed);

    std::uint64_t next();
    // Uniform in [0, bound); bound > 0. Unbiased (rejection sampling).
    std::uint64_t below(std::uint64_t bound);
    // Uniform in [low, high], both inclusive.
    int between(int low, int high);
    // Uniform in [0, 1), from the top 53 bits.
    double unit();
    // True with the given probability.
    bool chance(double probability);
    // An index drawn with probability proportional to its weight; weights must not all be 0.
    std::size_t weighted(std::span<const double> weights);

  private:
    std::uint64_t m_state[4];
};

// A value and how often it comes, relative to the others of its table.
struct Share {
    std::string_view value;
    double weight;
};

// A value of the table drawn by its share.
template <std::size_t N>
std::string_view pick_share(Random& random, const std::array<Share, N>& shares) {
    std::array<double, N> weights{};
    for (std::size_t i = 0; i < N; ++i)
        weights[i] = shares[i].weight;
    return shares[random.weighted(weights)].value;
}

// One step of splitmix64: a good 64-bit mix, used to derive seeds and stable ids.
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace retorno::synthetic
