#include "protocol/loader.h"

#include <fmt/format.h>

#include "core/resources.h"

namespace retorno::protocol {

namespace {

// A baseline step or a variant's own step must say what it is; a patch need not.
void check_step_keys(const ParsedDefinition& parsed, const Definition* base,
                     Diagnostics& problems) {
    for (const auto& step : parsed.definition.steps) {
        if (step.id.empty())
            continue;
        if (base != nullptr && base->step(step.id) != nullptr)
            continue;
        auto keys = parsed.step_keys.find(step.id);
        if (keys == parsed.step_keys.end())
            continue;
        for (const char* key : {"title", "side", "actor", "supervisor"}) {
            if (keys->second.count(key) == 0) {
                problems.push_back(
                    Diagnostic{step.mark, fmt::format("step '{}' has no '{}'", step.id, key)});
            }
        }
    }
}

}  // namespace

LoadedDefinition load_definition(const std::filesystem::path& file, const BaseLookup& base) {
    LoadedDefinition out;
    auto parsed = parse_definition(file, out.problems);
    if (!parsed)
        return out;
    Definition definition;
    if (parsed->definition.extends_id.empty()) {
        check_step_keys(*parsed, nullptr, out.problems);
        definition = parsed->definition;
    } else {
        auto found = base ? base(parsed->definition.extends_id, parsed->definition.extends_version)
                          : std::nullopt;
        if (!found) {
            out.problems.push_back(Diagnostic{
                parsed->definition.mark,
                fmt::format("extends '{}' version {}, which was not found or is not valid",
                            parsed->definition.extends_id, parsed->definition.extends_version)});
            return out;
        }
        check_step_keys(*parsed, &*found, out.problems);
        definition = merge_variant(*found, *parsed, out.problems);
    }
    validate_definition(definition, out.problems);
    if (out.problems.empty())
        out.definition = std::move(definition);
    return out;
}

BaseLookup base_lookup_near(const std::filesystem::path& file) {
    std::vector<std::filesystem::path> folders{file.parent_path(), resource_root() / "protocols"};
    return [folders](std::string_view id, int version) -> std::optional<Definition> {
        for (const auto& folder : folders) {
            std::error_code error;
            for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
                if (entry.path().extension() != ".yaml")
                    continue;
                Diagnostics ignored;
                auto parsed = parse_definition(entry.path(), ignored);
                if (!parsed || parsed->definition.id != id ||
                    parsed->definition.version != version) {
                    continue;
                }
                // A baseline may itself extend another; the chain is followed the same way.
                auto loaded = load_definition(entry.path(), base_lookup_near(entry.path()));
                if (loaded.definition)
                    return loaded.definition;
            }
        }
        return std::nullopt;
    };
}

}  // namespace retorno::protocol
