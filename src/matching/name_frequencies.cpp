#include "matching/name_frequencies.h"

#include <algorithm>
#include <cmath>

namespace retorno::matching {

namespace {

// The bounds of a rarity weight. The gain for a rare name is kept small (one bit: "Xol" among
// Guatemalan surnames): the flat weights were set on pairs that mostly agree on names rarer
// than the average one already, and the many records that a common name brings into one block
// are where the weight matters. The floor keeps a child with the commonest name findable when
// the birth date agrees exactly. match_scorer.cpp bounds the total of a pair's names.
constexpr double kMostCommonWeight = -3.0;

// A name absent from the table is at most this common: rarer than any listed one.
constexpr double kUnlistedShare = 1e-6;

}  // namespace

std::size_t NameFrequencies::slot(Part part, std::string_view name) {
    if (part == Part::Surname)
        return 2;
    return name.find(' ') == std::string_view::npos ? 0 : 1;
}

void NameFrequencies::add(Part part, std::string name, double per_million) {
    Shares& shares = m_shares[slot(part, name)];
    const double share = per_million / 1e6;
    auto [it, inserted] = shares.by_name.try_emplace(std::move(name), share);
    if (!inserted) {
        shares.sum_of_squares -= it->second * it->second;
        it->second = share;
    }
    shares.sum_of_squares += share * share;
}

double NameFrequencies::rarity_weight(Part part, std::string_view folded) const {
    const Shares& shares = m_shares[slot(part, folded)];
    if (folded.size() <= 1 || shares.by_name.empty())
        return 0.0;
    const auto it = shares.by_name.find(std::string(folded));
    const double share = it == shares.by_name.end() ? kUnlistedShare : it->second;
    return std::clamp(std::log2(shares.sum_of_squares / share), kMostCommonWeight,
                      kRarestNameWeight);
}

}  // namespace retorno::matching
