#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/embedded_file.h"
#include "core/error.h"

namespace retorno::synthetic {

// The name data of names/*.tsv (compiled into the binary): given names, compound given names,
// surnames, places and first languages per country with frequency weights, and the nicknames
// and abbreviations that registers use. The weights follow the real skew (a few surnames such
// as Hernández or López are very common, most are rare); they are relative within one list.
struct Weighted {
    std::string value;
    double weight = 0;
};

struct CompoundGivenName {
    std::string first;
    std::string middle;
    double weight = 0;
};

// How names are formed in a country (names/countries.tsv).
struct CountryParameters {
    double two_given_names_share = 0;  // children with two given names
    double double_surname_share = 0;   // children with the father's and the mother's surname
    bool accents = true;               // whether names are written with accents (not in Belize)
};

struct CountryNames {
    CountryParameters parameters;
    std::vector<Weighted> female;  // single given names
    std::vector<Weighted> male;
    std::vector<CompoundGivenName> female_compound;  // "María José", "Ana Lucía"
    std::vector<CompoundGivenName> male_compound;    // "José Luis", "Juan Carlos"
    // The named surnames of names/surnames.tsv, then the synthetic ones that continue their
    // law (surname_tail.h); surname_ends holds the running sums of their weights, so that a
    // draw among ten thousand surnames is a bisection.
    std::vector<Weighted> surnames;
    std::vector<double> surname_ends;
    std::vector<Weighted> places;     // departments or states, weighted by population
    std::vector<Weighted> languages;  // ISO 639 code of the first language, weighted by share
};

struct Nickname {
    std::string name;      // a given name or a compound given name: "José", "María José"
    std::string nickname;  // "Chepe", "Majo"
};

struct Abbreviation {
    std::string word;          // "María", "Francisco", "Hernández"
    std::string abbreviation;  // "Ma.", "Fco.", "Hdez."
};

struct NameTables {
    std::map<std::string, CountryNames, std::less<>> countries;  // by ISO 3166-1 alpha-2
    std::vector<Nickname> nicknames;
    std::vector<Abbreviation> abbreviations;

    // nullptr when the country has no name data.
    const CountryNames* country(std::string_view alpha2) const;
    std::vector<std::string_view> nicknames_of(std::string_view name) const;
    std::vector<std::string_view> abbreviations_of(std::string_view word) const;
};

// Parses the tables from TSV files named as in names/ (given_names.tsv, surnames.tsv, ...),
// and continues each country's surnames with synthetic ones (extend_surnames_with_tail).
// Every file has a header line; lines starting with '#' and empty lines are skipped. An error
// names the file and line.
Result<NameTables> parse_name_tables(std::span<const EmbeddedFile> files);

// The raw files compiled in from names/*.tsv, sorted by name.
std::span<const EmbeddedFile> embedded_name_files();

// The tables compiled in from names/*.tsv, parsed once. The files are checked by the tests, so
// a parse failure here is a build defect and aborts with a message.
const NameTables& embedded_name_tables();

}  // namespace retorno::synthetic
