#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "protocol/definition.h"
#include "protocol/diagnostics.h"

namespace retorno::protocol {

// A definition as written in one file, before a variant is merged with its baseline. The keys
// written for each step tell a patch of a baseline step from a step of its own.
struct ParsedDefinition {
    Definition definition;
    std::map<std::string, std::set<std::string>> step_keys;
};

// Reads one YAML file; appends every problem found to `problems`. Returns nothing only when
// the file cannot be read or is not YAML at all.
std::optional<ParsedDefinition> parse_definition(const std::filesystem::path& file,
                                                 Diagnostics& problems);

// Finds the baseline that a variant extends, by id and version.
using BaseLookup = std::function<std::optional<Definition>(std::string_view id, int version)>;

struct LoadedDefinition {
    std::optional<Definition> definition;  // set only when there are no problems
    Diagnostics problems;
};

// Reads, merges (for a variant) and validates one definition file.
LoadedDefinition load_definition(const std::filesystem::path& file, const BaseLookup& base);

// A BaseLookup that searches the folder of `file` and then `resource_root()/protocols`.
BaseLookup base_lookup_near(const std::filesystem::path& file);

// Merges a variant onto its baseline: new steps, fields, guards and branches are added;
// deadlines and titles may be replaced; a variant may never remove or weaken anything.
Definition merge_variant(const Definition& base, const ParsedDefinition& variant,
                         Diagnostics& problems);

// Structural checks: references, cycles, reachability, decisions, and the fields the absolute
// guards rely on.
void validate_definition(const Definition& definition, Diagnostics& problems);

}  // namespace retorno::protocol
