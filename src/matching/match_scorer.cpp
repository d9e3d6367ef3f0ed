#include "matching/match_scorer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

namespace retorno::matching {

namespace {

struct ReasonInfo {
    std::string_view code;
    std::string_view text;
};

// Indexed by Reason; keep in the order of the enum.
constexpr std::array<ReasonInfo, 37> kReasons{{
    {"given_exact", "same given names"},
    {"given_phonetic", "given names sound the same"},
    {"given_typo", "given names differ by a typing error"},
    {"given_nickname", "first name is a nickname of the other"},
    {"given_extra_name", "one record has an extra given name"},
    {"given_initials", "given name written as an initial"},
    {"given_reordered", "same given names in another order"},
    {"given_one_in_common", "only one given name in common"},
    {"given_different", "different given names"},
    {"surnames_exact", "same surnames"},
    {"surnames_phonetic", "surnames sound the same"},
    {"surnames_typo", "surnames differ by a typing error"},
    {"surnames_swapped", "same surnames in swapped order"},
    {"surname_one_missing", "one surname missing, the other agrees"},
    {"surname_only_second", "only the second surname recorded, and it agrees"},
    {"surname_married", "known by a husband's surname"},
    {"surname_one_differs", "only one surname in common"},
    {"surnames_different", "different surnames"},
    {"birth_exact", "same birth date"},
    {"birth_day_month_swapped", "birth day and month swapped"},
    {"birth_year_off_by_one", "birth year differs by one"},
    {"birth_one_part_differs", "birth day or month differs"},
    {"birth_same_year", "same birth year (one date incomplete)"},
    {"birth_near_year", "birth years one apart (one date incomplete)"},
    {"age_same_estimate", "same estimated age on the same day"},
    {"age_consistent", "estimated age fits the birth date"},
    {"age_near", "estimated age one year off"},
    {"age_far", "estimated age two years off"},
    {"birth_different", "different birth dates"},
    {"gender_same", "same gender"},
    {"gender_different", "different gender"},
    {"nationality_same", "same nationality"},
    {"nationality_different", "different nationality"},
    {"mother_same", "same mother's name"},
    {"mother_different", "different mother's name"},
    {"birth_place_same", "same place of birth"},
    {"birth_place_different", "different place of birth"},
}};

// Agreement weights log2(m/u): m is how often the level occurs between two records of the
// same child (with the register errors of the region), u how often between two different
// children who were compared because they share a blocking key (and so often a surname or a
// first name). Set by hand from those rates and checked with `retorno match-eval`; see
// docs/matching.md.
struct Weighted {
    Reason reason;
    double weight;
};

Weighted given_weight(GivenAgreement level) {
    switch (level) {
        case GivenAgreement::Exact:
            return {Reason::GivenExact, 5.0};
        case GivenAgreement::Phonetic:
            return {Reason::GivenPhonetic, 4.5};
        case GivenAgreement::Typo:
            return {Reason::GivenTypo, 3.5};
        case GivenAgreement::Nickname:
            return {Reason::GivenNickname, 4.0};
        case GivenAgreement::ExtraName:
            return {Reason::GivenExtraName, 3.0};
        case GivenAgreement::Initials:
            return {Reason::GivenInitials, 1.5};
        case GivenAgreement::Reordered:
            return {Reason::GivenReordered, 2.0};
        case GivenAgreement::OneInCommon:
            return {Reason::GivenOneInCommon, -3.0};
        case GivenAgreement::Different:
            return {Reason::GivenDifferent, -9.0};
        case GivenAgreement::Missing:
            break;
    }
    return {Reason::GivenDifferent, 0.0};
}

Weighted surname_weight(SurnameAgreement level) {
    switch (level) {
        case SurnameAgreement::Exact:
            return {Reason::SurnamesExact, 6.0};
        case SurnameAgreement::Phonetic:
            return {Reason::SurnamesPhonetic, 5.5};
        case SurnameAgreement::Typo:
            return {Reason::SurnamesTypo, 4.5};
        case SurnameAgreement::Swapped:
            return {Reason::SurnamesSwapped, 5.0};
        case SurnameAgreement::OneMissing:
            return {Reason::SurnameOneMissing, 3.0};
        case SurnameAgreement::OnlySecondKept:
            return {Reason::SurnameOnlySecond, 2.0};
        case SurnameAgreement::Married:
            return {Reason::SurnameMarried, 2.0};
        case SurnameAgreement::OneDiffers:
            return {Reason::SurnameOneDiffers, -3.0};
        case SurnameAgreement::Different:
            return {Reason::SurnamesDifferent, -7.0};
        case SurnameAgreement::Missing:
            break;
    }
    return {Reason::SurnamesDifferent, 0.0};
}

Weighted birth_weight(DateAgreement level) {
    switch (level) {
        case DateAgreement::Exact:
            return {Reason::BirthExact, 7.0};
        case DateAgreement::DayMonthSwapped:
            return {Reason::BirthDayMonthSwapped, 4.0};
        case DateAgreement::YearOffByOne:
            return {Reason::BirthYearOffByOne, 3.5};
        case DateAgreement::OnePartDiffers:
            // Compared pairs share the birth year by construction of the blocking keys, so
            // agreeing on it is no evidence; a day or a month that differs is more often
            // another child than a typing error.
            return {Reason::BirthOnePartDiffers, -1.0};
        case DateAgreement::SameYear:
            return {Reason::BirthSameYear, 2.5};
        case DateAgreement::NearYear:
            return {Reason::BirthNearYear, 0.5};
        case DateAgreement::SameEstimate:
            // Two children estimated on the same day are rare; a register that copies another's
            // record copies its estimate. An estimate made again on another day only fits.
            return {Reason::AgeSameEstimate, 4.0};
        // An estimate is often two years off, and the blocks of an estimated age span five
        // years: an estimate that fits is about as common between two different children as
        // between two records of the same one.
        case DateAgreement::AgeConsistent:
            return {Reason::AgeConsistent, 0.0};
        case DateAgreement::AgeNear:
            return {Reason::AgeNear, -0.5};
        case DateAgreement::AgeFar:
            return {Reason::AgeFar, -3.0};
        case DateAgreement::Different:
            return {Reason::BirthDifferent, -6.0};
        case DateAgreement::Missing:
            break;
    }
    return {Reason::BirthDifferent, 0.0};
}

Weighted pair_weight(FieldAgreement level, Reason same, double plus, Reason different,
                     double minus) {
    switch (level) {
        case FieldAgreement::Same:
            return {same, plus};
        case FieldAgreement::Different:
            return {different, minus};
        case FieldAgreement::Missing:
            break;
    }
    return {same, 0.0};
}

// Agreeing on a common name is weaker evidence than agreeing on a rare one: the flat weights
// above stand for a name of average frequency, and the names' rarity weights (see
// name_frequencies.h) correct them. An agreement between two spellings counts with the
// commoner of the two ("fernada" is unlisted, hence rare, but stands for "fernanda"). When
// only some given names agree (an extra name), the first given name counts. Initials agree on
// too little to count.
double given_rarity(GivenAgreement level, const PreparedPerson& a, const PreparedPerson& b) {
    switch (level) {
        case GivenAgreement::Exact:
        case GivenAgreement::Phonetic:
        case GivenAgreement::Typo:
        case GivenAgreement::Reordered:
            return std::min(a.given_rarity, b.given_rarity);
        case GivenAgreement::ExtraName:
            return std::min(a.first_given_rarity, b.first_given_rarity);
        case GivenAgreement::Nickname:
            // A nickname stands for a first given name (Chepe: José) or for a pair (Majo: María
            // José); the agreement is as rare as the more specific of the two readings.
            return std::max(std::min(a.first_given_rarity, b.first_given_rarity),
                            std::min(a.given_rarity, b.given_rarity));
        case GivenAgreement::Initials:
        case GivenAgreement::OneInCommon:
        case GivenAgreement::Different:
        case GivenAgreement::Missing:
            break;
    }
    return 0.0;
}

double surname_rarity(SurnameAgreement level, const PreparedPerson& a, const PreparedPerson& b) {
    const Words wa = a.surname_words();
    const Words wb = b.surname_words();
    // The weight of a pair of surnames that agree: the commoner one's; none for an initial.
    const auto pair = [&](std::size_t i, std::size_t j) -> double {
        if (i >= a.surname_rarity.size() || j >= b.surname_rarity.size() || i >= wa.size ||
            j >= wb.size || wa[i].size() <= 1 || wb[j].size() <= 1) {
            return 0.0;
        }
        return std::min(a.surname_rarity[i], b.surname_rarity[j]);
    };
    // One side's surnames alone, all of which agree with the other side.
    const auto alone = [](const PreparedPerson& p, const Words& w) {
        double sum = 0;
        for (std::size_t i = 0; i < w.size && i < p.surname_rarity.size(); ++i) {
            if (w[i].size() > 1)
                sum += p.surname_rarity[i];
        }
        return sum;
    };
    switch (level) {
        case SurnameAgreement::Exact:
        case SurnameAgreement::Phonetic:
        case SurnameAgreement::Typo:
        case SurnameAgreement::OneMissing:
        case SurnameAgreement::OnlySecondKept: {
            if (wa.size != wb.size)
                return wa.size < wb.size ? alone(a, wa) : alone(b, wb);
            double sum = 0;
            for (std::size_t i = 0; i < wa.size; ++i)
                sum += pair(i, i);
            return sum;
        }
        case SurnameAgreement::Swapped:
            return pair(0, 1) + pair(1, 0);
        case SurnameAgreement::Married:
        case SurnameAgreement::OneDiffers:
        case SurnameAgreement::Different:
        case SurnameAgreement::Missing:
            break;
    }
    return 0.0;
}

// The flat surname weights stand for two surnames each, as most records have. When both
// records have one surname only, agreeing on it is weaker evidence: one name, not a pair.
double single_surname_weight(SurnameAgreement level, std::size_t surnames_a,
                             std::size_t surnames_b) {
    const bool agree = level == SurnameAgreement::Exact || level == SurnameAgreement::Phonetic ||
                       level == SurnameAgreement::Typo;
    if (!agree || surnames_a != 1 || surnames_b != 1)
        return 0.0;
    return -2.0;
}

// The bounds of the rarity weights of a pair's names (name_frequencies.cpp): the total of the
// given names' and the surnames' is in [kMostCommonNamesWeight, kRarestNamesWeight], the
// surnames' alone at least kMostCommonSurnamesWeight (two common surnames take off no more than
// the commonest single name); the given names' alone is at most kRarestNameWeight (given_rarity
// takes one name's weight).
constexpr double kMostCommonNamesWeight = -4.0;
constexpr double kMostCommonSurnamesWeight = -3.0;
constexpr double kRarestNamesWeight = 1.0;

// The strongest flat agreements of the names, and the weights of a shared mother's name and
// place of birth: with kRarestNamesWeight, the bounds of the two-stage scoring.
constexpr double kBestSurnameWeight = 6.0;
constexpr double kBestGivenWeight = 5.0;
constexpr double kMotherSameWeight = 2.5;
constexpr double kPlaceSameWeight = 1.0;

// The rarity weights of a pair's names together, within their bounds.
double names_rarity(double total) {
    return std::clamp(total, kMostCommonNamesWeight, kRarestNamesWeight);
}

// The most the names of a pair can add, their surnames agreeing at `level` with the rarity
// `surnames_rarity` (surname_rarity): the given names at best, and their rarity at most
// kRarestNameWeight.
double names_at_most(SurnameAgreement level, double surnames_rarity) {
    return surname_weight(level).weight + kBestGivenWeight +
           names_rarity(std::max(kMostCommonSurnamesWeight, surnames_rarity) + kRarestNameWeight);
}

// Orders a pair by content so that score_pair(a, b) and score_pair(b, a) do the same work.
bool comes_first(const PreparedPerson& a, const PreparedPerson& b) {
    return std::make_tuple(a.given(), a.surnames(), a.married(), a.mother_name(), a.birth_place(),
                           a.id()) <= std::make_tuple(b.given(), b.surnames(), b.married(),
                                                      b.mother_name(), b.birth_place(), b.id());
}

}  // namespace

std::string_view reason_code(Reason reason) {
    return kReasons[static_cast<std::size_t>(reason)].code;
}

std::string_view reason_text(Reason reason) {
    return kReasons[static_cast<std::size_t>(reason)].text;
}

std::string MatchResult::reasons_text() const {
    std::string out;
    for (std::size_t i = 0; i < reason_count; ++i) {
        if (!out.empty())
            out += "; ";
        out += reason_text(reasons[i]);
    }
    return out;
}

namespace {

// The fields that the first stage of score_pair_at_least compares, and the most weight the
// pair can reach from them: their own, plus the strongest agreements the names and the free
// texts could add (with the largest rarity correction of the names). They compare
// symmetrically and need neither the names nor the order of the pair.
struct FirstStage {
    DateAgreement birth;
    Weighted birth_w;
    FieldAgreement gender;
    Weighted gender_w;
    FieldAgreement nationality;
    Weighted nationality_w;
    double others;          // The weights of birth, gender and nationality.
    double free_text_best;  // Mother's name and place of birth, when both records have them.
    // With the names' weight at most `names_best`.
    double best(double names_best = kBestSurnameWeight + kBestGivenWeight +
                                    kRarestNamesWeight) const {
        return others + free_text_best + names_best;
    }
};

// A prepared person read as its ScreeningFacts would be, without copying them.
struct PersonFacts {
    const PreparedPerson& person;
    const BirthEvidence& birth() const { return person.birth; }
    Gender gender() const { return person.gender; }
    std::array<char, 2> nationality() const { return person.nationality; }
    bool has_mother_name() const { return !person.mother_name().empty(); }
    bool has_birth_place() const { return !person.birth_place().empty(); }
};

// Facts: ScreeningFacts or PersonFacts.
template <class Facts>
FirstStage first_stage(const Facts& first, const Facts& second) {
    FirstStage s{};
    s.birth = compare_birth(first.birth(), second.birth());
    s.birth_w = birth_weight(s.birth);
    s.gender = compare_gender(first.gender(), second.gender());
    s.gender_w = pair_weight(s.gender, Reason::GenderSame, 0.5, Reason::GenderDifferent, -4.0);
    s.nationality = compare_nationality(first.nationality(), second.nationality());
    s.nationality_w = pair_weight(s.nationality, Reason::NationalitySame, 0.5,
                                  Reason::NationalityDifferent, -5.0);
    s.others = s.birth_w.weight + s.gender_w.weight + s.nationality_w.weight;
    s.free_text_best =
        (first.has_mother_name() && second.has_mother_name() ? kMotherSameWeight : 0.0) +
        (first.has_birth_place() && second.has_birth_place() ? kPlaceSameWeight : 0.0);
    return s;
}

}  // namespace

bool may_reach(const ScreeningFacts& first, const ScreeningFacts& second, double min_weight) {
    if (!first.screened() || !second.screened())
        return true;
    const FirstStage stage = first_stage(first, second);
    if (stage.best() < min_weight)
        return false;
    // The surnames' sketches bound what score_pair_at_least's second stage finds, as its own
    // bound after the surnames does.
    const auto surnames = possible_surnames(first.surnames(), second.surnames());
    if (!surnames.sketched)
        return true;
    const auto names_with = [&](SurnameAgreement level, double rarity) {
        return single_surname_weight(level, surnames.words_a, surnames.words_b) +
               names_at_most(level, rarity);
    };
    double names = names_with(surnames.otherwise, 0.0);
    for (std::size_t i = 0; i < surnames.option_count; ++i)
        names = std::max(names, names_with(surnames.options[i].level, surnames.options[i].rarity));
    return stage.best(names) >= min_weight;
}

std::optional<MatchResult> score_pair_at_least(const PreparedPerson& first,
                                               const PreparedPerson& second, double min_weight) {
    // The cheap fields first (see FirstStage), so that most pairs of a batch are given up
    // without reading the people's texts; the names, the costly part, only when the total can
    // still reach `min_weight`.
    const FirstStage stage = first_stage(PersonFacts{first}, PersonFacts{second});
    if (stage.best() < min_weight)
        return std::nullopt;
    const double others = stage.others;
    const double free_text_best = stage.free_text_best;
    const bool in_order = comes_first(first, second);
    const PreparedPerson& a = in_order ? first : second;
    const PreparedPerson& b = in_order ? second : first;
    const auto surnames = compare_surnames(a, b);
    const Weighted surnames_w = surname_weight(surnames);
    const double single_surname =
        single_surname_weight(surnames, a.surname_words().size, b.surname_words().size);
    const double surname_total = surnames_w.weight + single_surname;
    // The flat weights were set on compared pairs, which already share a name key, so part of
    // a name's commonness is in them: the correction for common given names and surnames
    // together is bounded, so as not to count it twice ("Majo López Hernández" must still find
    // "María José Hernández López" with her day and month swapped); and a rare name's gain is
    // kept small. The given names' part is at most kRarestNameWeight, so the surnames' part
    // and it bound the whole from above.
    const double surnames_rarity =
        std::max(kMostCommonSurnamesWeight, surname_rarity(surnames, a, b));
    if (others + free_text_best + single_surname + names_at_most(surnames, surnames_rarity) <
        min_weight) {
        return std::nullopt;
    }
    const auto given = compare_given(a, b);
    const Weighted given_w = given_weight(given);
    const double names =
        surname_total + given_w.weight + names_rarity(given_rarity(given, a, b) + surnames_rarity);
    if (others + free_text_best + names < min_weight)
        return std::nullopt;
    // Siblings share a mother and a birth place, but their given names and birth dates keep
    // them apart. Between two records whose names agree, which is where the decision lies, a
    // shared place is good evidence (about one child in ten of a country shares a department
    // with another) and a shared mother's full name better still; both are kept below log2(m/u)
    // because places are coarse and twins share everything but a given name.
    const auto mother = compare_free_text(a.mother_name(), b.mother_name());
    const auto place = compare_free_text(a.birth_place(), b.birth_place());
    MatchResult result;
    const auto reason = [&result](Reason r, bool present) {
        if (present)
            result.reasons[result.reason_count++] = r;
    };
    const auto add = [&result, &reason](Weighted w, bool present) {
        if (present)
            result.weight += w.weight;
        reason(w.reason, present);
    };
    // Reasons and weights in a fixed order, names first (the names' weight is already summed).
    reason(surnames_w.reason, surnames != SurnameAgreement::Missing);
    reason(given_w.reason, given != GivenAgreement::Missing);
    result.weight = names;
    add(stage.birth_w, stage.birth != DateAgreement::Missing);
    add(stage.gender_w, stage.gender != FieldAgreement::Missing);
    add(stage.nationality_w, stage.nationality != FieldAgreement::Missing);
    add(pair_weight(mother, Reason::MotherSame, kMotherSameWeight, Reason::MotherDifferent, -4.0),
        mother != FieldAgreement::Missing);
    add(pair_weight(place, Reason::BirthPlaceSame, kPlaceSameWeight, Reason::BirthPlaceDifferent,
                    -2.5),
        place != FieldAgreement::Missing);
    if (result.weight < min_weight)
        return std::nullopt;
    result.score = score_of_weight(result.weight);
    return result;
}

MatchResult score_pair(const PreparedPerson& first, const PreparedPerson& second) {
    return *score_pair_at_least(first, second, -std::numeric_limits<double>::infinity());
}

double weight_of_score(double score) {
    if (score <= 0)
        return -std::numeric_limits<double>::infinity();
    if (score >= 1)
        return std::numeric_limits<double>::infinity();
    return kWeightAtHalf - std::log2(1.0 / score - 1.0);
}

double default_threshold(std::size_t register_size) {
    if (register_size <= kThresholdBaseSize)
        return kDefaultThreshold;
    const double odds =
        static_cast<double>(register_size) / static_cast<double>(kThresholdBaseSize);
    return score_of_weight(kWeightAtHalf + std::log2(odds));
}

double score_of_weight(double weight) {
    return 1.0 / (1.0 + std::exp2(kWeightAtHalf - weight));
}

}  // namespace retorno::matching
