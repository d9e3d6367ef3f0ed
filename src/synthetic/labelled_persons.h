#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "domain/person.h"

// Test data for name matching: synthetic people, each possibly written again by another
// register (police, shelter, consulate, ...) with the errors that real registers make, and the
// truth of which records are the same person. Everything is reproducible from the seed.
namespace retorno::synthetic {

// The register that wrote a record. The first record of a person is always `Original` (the
// civil-registry form, correctly spelt); the others imitate how each kind of office writes.
enum class Register { Original, Police, Shelter, Consulate, Migration };
std::string_view to_string(Register source);

// One way in which a record differs from the person's original record.
enum class Distortion {
    Typo,                 // a letter substituted, dropped, doubled or two letters swapped
    NoAccents,            // "Hernández" -> "Hernandez", "Peña" -> "Pena"
    UpperCase,            // "JOSE LUIS HERNANDEZ"
    SurnamesSwapped,      // "López Hernández" for "Hernández López"
    SurnameMissing,       // only the first (father's) surname kept
    FirstSurnameMissing,  // only the second (mother's) surname kept
    MiddleNameMissing,    // "María" for "María José"
    GivenNamesMerged,     // "María José" written in the first-name field, middle name empty
    Abbreviation,         // "Ma.", "Fco.", "J.", "Hdez."
    Nickname,             // a hypocorism: "Chepe" for José, "Majo" for María José
    DayMonthSwapped,      // 2011-04-03 for 2011-03-04 (only where the result is a valid date)
    YearOffByOne,         // birth year one more or one less
    AgeEstimateOnly,      // no birth date; an age estimated on the day the record was made
    MotherNameMissing,    // mother's name not recorded
};
std::string_view to_string(Distortion distortion);

// Why a record is in the set; siblings and namesakes are hard negatives, each its own cluster.
enum class RecordKind {
    Person,    // a person's original record (one per cluster)
    Variant,   // the same person again, written by another register (same cluster)
    Sibling,   // a brother or sister: same surnames, mother and birth place, close birth date
    Namesake,  // same first name and surnames, another nationality and birth date
};
std::string_view to_string(RecordKind kind);

struct LabelledPerson {
    std::string id;       // "r000001": unique in the set, in output order
    std::string cluster;  // "c000001": records with the same cluster are the same person
    // Names, birthdate or age_estimate + age_estimate_date, gender, citizenship (exactly one
    // alpha-2 code, the nationality). The other Person fields are left empty.
    Person person;
    std::string mother_name;  // "Rosa Amelia López Pérez"; empty when not recorded
    std::string birth_place;  // "Quetzaltenango" (a department or state of the nationality)
    Register source = Register::Original;
    RecordKind kind = RecordKind::Person;
    std::vector<Distortion> distortions;  // empty for Person, Sibling and Namesake records
};

struct LabelledPersonsOptions {
    std::size_t count = 1000;     // records in the output, exactly
    double duplicate_rate = 0.3;  // share of people written again (1 to 3 more records)
    double sibling_rate = 0.05;   // share of people who get a sibling record
    double namesake_rate = 0.03;  // share of people who get a namesake in another country
};

struct LabelledPersons {
    // Shuffled, so that records of one cluster are not adjacent; ids follow this order.
    std::vector<LabelledPerson> records;

    std::size_t cluster_count() const;
};

LabelledPersons make_labelled_persons(std::uint64_t seed, const LabelledPersonsOptions& options);
LabelledPersons make_labelled_persons(std::uint64_t seed, std::size_t count, double duplicate_rate);

// The persons file, with the header
//   id,prs_FirstName,prs_MiddleName,prs_SecondName,prs_Birthdate,prs_Gender,prs_Nationality,
//   age_estimate,age_estimate_date,mother_name,birth_place
// (RFC 4180: fields quoted when they hold a comma, quote or line break; UTF-8; "\n" endings).
void write_persons_csv(std::ostream& out, const LabelledPersons& persons);
// The truth file, with the header `id,cluster`.
void write_truth_csv(std::ostream& out, const LabelledPersons& persons);

// Reads a persons file written by write_persons_csv (or by hand with the same header); the
// cluster, source and distortions are not in that file and stay empty/default. Refuses a wrong
// header, a wrong number of fields, an invalid date or age, naming the line in Error::field.
Result<std::vector<LabelledPerson>> read_persons_csv(std::istream& in);
// Reads a truth file into pairs (id, cluster), in file order.
Result<std::vector<std::pair<std::string, std::string>>> read_truth_csv(std::istream& in);

}  // namespace retorno::synthetic
