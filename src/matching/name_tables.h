#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "matching/name_frequencies.h"

namespace retorno::matching {

// Where in a name a word stands: abbreviations such as "Ma." mean María only among given names.
enum class NamePart { Given, Surname };

// What a particle does to the words around it (see matching/particles.tsv).
enum class ParticleKind {
    Joiner,   // de, del, de la, y: ignored when comparing.
    Married,  // viuda de, vda. de: what follows is a husband's surname, an optional part.
    Title,    // sra., don: dropped.
};

struct ParticleMatch {
    ParticleKind kind;
    std::size_t word_count;  // How many words the particle spans ("de la" is two).
};

// The word lists of the matcher: nicknames, abbreviations and particles, which a user may
// extend, and the name frequencies, fixed per release. Every key and value is stored folded
// (see text_fold.h), so that the files may be written with or without accents. Immutable once
// loaded, hence safe to share between threads.
class NameTables {
  public:
    // Loads nicknames.tsv, abbreviations.tsv, particles.tsv and name_frequencies.tsv from
    // `folder`. A malformed line is refused with "file:line: reason".
    static Result<std::shared_ptr<const NameTables>> load(const std::filesystem::path& folder);
    // The tables under resource_root()/matching, loaded once per process.
    static Result<std::shared_ptr<const NameTables>> standard();
    // Tables from text in the file formats, for tests.
    static Result<std::shared_ptr<const NameTables>> from_text(
        std::string_view nicknames, std::string_view abbreviations, std::string_view particles,
        std::string_view name_frequencies = {});

    // The full given names a nickname stands for ("majo" -> {"maria jose"}), or nullptr.
    const std::vector<std::string>* nickname_expansions(std::string_view folded_word) const;
    // The word an abbreviation stands for in that part of a name, or nullptr.
    const std::string* abbreviation(std::string_view folded_word, NamePart part) const;
    // The longest particle starting at words[position], if any.
    std::optional<ParticleMatch> particle_at(const std::vector<std::string>& words,
                                             std::size_t position) const;
    const NameFrequencies& frequencies() const { return m_frequencies; }

  private:
    struct Particle {
        std::vector<std::string> words;
        ParticleKind kind;
    };
    Status add_nicknames(std::string_view text, const std::string& origin);
    Status add_abbreviations(std::string_view text, const std::string& origin);
    Status add_particles(std::string_view text, const std::string& origin);
    Status add_frequencies(std::string_view text, const std::string& origin);

    std::unordered_map<std::string, std::vector<std::string>> m_nicknames;
    std::unordered_map<std::string, std::string> m_given_abbreviations;
    std::unordered_map<std::string, std::string> m_surname_abbreviations;
    std::vector<Particle> m_particles;  // Longest first.
    NameFrequencies m_frequencies;
};

}  // namespace retorno::matching
