#include <algorithm>

#include <fmt/format.h>

#include "protocol/loader.h"

namespace retorno::protocol {

namespace {

// What a variant may write about a baseline step: it adds, it never removes or weakens.
constexpr std::string_view kPatchKeys[] = {"id", "title", "fields", "deadline", "guards", "after"};

void append_fields(StepDef& into, const std::vector<FieldDef>& fields, Diagnostics& problems) {
    for (const auto& f : fields) {
        if (into.field(f.name) != nullptr) {
            problems.push_back(Diagnostic{
                f.mark, fmt::format("field '{}' of step '{}' is already defined by the baseline",
                                    f.name, into.id)});
            continue;
        }
        into.fields.push_back(f);
    }
}

}  // namespace

Definition merge_variant(const Definition& base, const ParsedDefinition& parsed,
                         Diagnostics& problems) {
    const Definition& variant = parsed.definition;
    Definition out = base;
    out.id = variant.id;
    out.version = variant.version;
    out.title = variant.title;
    out.country = variant.country;
    out.extends_id = variant.extends_id;
    out.extends_version = variant.extends_version;
    out.directions = variant.directions;
    out.institutions = variant.institutions;
    out.mark = variant.mark;
    if (!variant.start.empty())
        out.start = variant.start;
    if (!variant.default_branch.empty())
        out.default_branch = variant.default_branch;
    for (const auto& b : variant.branches) {
        if (out.branch(b.id) != nullptr) {
            problems.push_back(Diagnostic{
                b.mark, fmt::format("branch '{}' is already defined by the baseline", b.id)});
            continue;
        }
        out.branches.push_back(b);
    }
    for (const auto& step : variant.steps) {
        auto found = std::find_if(out.steps.begin(), out.steps.end(),
                                  [&](const StepDef& s) { return s.id == step.id; });
        if (found == out.steps.end()) {
            out.steps.push_back(step);
            continue;
        }
        auto keys = parsed.step_keys.find(step.id);
        if (keys != parsed.step_keys.end()) {
            for (const auto& key : keys->second) {
                if (std::find(std::begin(kPatchKeys), std::end(kPatchKeys), key) ==
                    std::end(kPatchKeys)) {
                    problems.push_back(Diagnostic{
                        step.mark,
                        fmt::format(
                            "a variant cannot change '{}' of baseline step '{}'; it may add "
                            "fields, guards, 'after' steps and set a deadline",
                            key, step.id)});
                }
            }
        }
        StepDef& target = *found;
        if (!step.title.en.empty() || !step.title.es.empty())
            target.title = step.title;
        append_fields(target, step.fields, problems);
        for (const auto& g : step.guards)
            target.guards.push_back(g);
        for (std::size_t i = 0; i < step.after.size(); ++i) {
            target.after.push_back(step.after[i]);
            target.after_marks.push_back(step.after_marks[i]);
        }
        if (step.deadline)
            target.deadline = step.deadline;
    }
    return out;
}

}  // namespace retorno::protocol
