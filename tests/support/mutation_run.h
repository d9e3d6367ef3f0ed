#pragma once

// The random choices of the mutated-input tests (tests/http/mutated_requests_test.cpp,
// tests/web/mutated_forms_test.cpp): drawn from a fixed seed, so that a failure repeats, for a
// fixed number of mutations. RETORNO_MUTATION_SEED=N and RETORNO_MUTATIONS=N choose others, to
// explore on demand.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <random>

namespace retorno::testing {

class MutationRun {
  public:
    explicit MutationRun(std::uint64_t default_count)
        : m_seed(from_environment("RETORNO_MUTATION_SEED", 20261202)),
          m_count(from_environment("RETORNO_MUTATIONS", default_count)),
          m_random(m_seed) {}

    std::uint64_t seed() const { return m_seed; }
    std::uint64_t count() const { return m_count; }

    // 0 to n - 1, each as likely.
    std::size_t below(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random);
    }
    bool chance(double p) { return std::bernoulli_distribution(p)(m_random); }

  private:
    static std::uint64_t from_environment(const char* name, std::uint64_t otherwise) {
        const char* text = std::getenv(name);
        return text != nullptr && *text != '\0' ? std::strtoull(text, nullptr, 10) : otherwise;
    }

    std::uint64_t m_seed;
    std::uint64_t m_count;
    std::mt19937_64 m_random;
};

}  // namespace retorno::testing
