#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

namespace retorno::matching {

// The largest rarity weight of one name (see NameFrequencies::rarity_weight).
inline constexpr double kRarestNameWeight = 1.0;

// How common names are in the population a release serves (matching/name_frequencies.tsv):
// the share of people who have a given name among their given names ("maria"), or a pair as
// their given names ("maria jose"), and the share of surname words that are a surname
// ("lopez"). Two different children are far likelier to agree on "María" or "López" than on a
// rare name, so an agreement on a common name is weaker evidence of the same child.
//
// The table is fixed per release and never computed from the register being matched: a pair's
// score must depend on the two records only (adding unrelated persons never changes it).
class NameFrequencies {
  public:
    enum class Part { Given, Surname };

    // Records the share (per million) of one folded name; the last share given for a name wins.
    void add(Part part, std::string name, double per_million);

    // The weight to add to an agreement on `folded` (one or more given names, or one surname):
    // log2(u_average / u_name), where u_name is the share of the name (the chance that another
    // person has it too) and u_average the chance that two people picked at random agree on
    // such a name (the sum of the squared shares of the names with as many words), which the
    // flat agreement weights stand for. So an average name adds nothing, "María" or "López"
    // subtract, and a rare name adds. A name that is not listed counts as rare. Bounded to
    // [-3, kRarestNameWeight] (see the .cpp); 0 for an initial or an empty text, or when the table
    // has no such names.
    double rarity_weight(Part part, std::string_view folded) const;

  private:
    struct Shares {
        std::unordered_map<std::string, double> by_name;  // Shares in (0, 1].
        double sum_of_squares = 0;
    };
    // Which of m_shares holds a name: one given name, wherever it stands among the given
    // names; two given names or more, as a whole; one surname.
    static std::size_t slot(Part part, std::string_view name);

    Shares m_shares[3];
};

}  // namespace retorno::matching
