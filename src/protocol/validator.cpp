#include <algorithm>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "domain/step.h"
#include "protocol/guards.h"
#include "protocol/loader.h"

namespace retorno::protocol {

namespace {

class Validator {
  public:
    Validator(const Definition& d, Diagnostics& problems) : m_d(d), m_problems(problems) {}

    void run() {
        identities();
        for (const auto& s : m_d.steps)
            references(s);
        cycles();
        reachability();
        anchors();
    }

  private:
    void problem(const SourceMark& mark, std::string message) {
        m_problems.push_back(Diagnostic{mark, std::move(message)});
    }

    void identities() {
        static const std::regex kId("[a-z][a-z0-9_]*");
        std::set<std::string> seen;
        for (const auto& s : m_d.steps) {
            if (s.id.empty())
                continue;  // already reported by the parser
            if (!std::regex_match(s.id, kId)) {
                problem(s.mark,
                        fmt::format("step id '{}' must be lower-case letters, digits and _", s.id));
            }
            if (!seen.insert(s.id).second)
                problem(s.mark, fmt::format("step '{}' is defined twice", s.id));
            std::set<std::string> names;
            for (const auto& f : s.fields) {
                if (!names.insert(f.name).second) {
                    problem(f.mark,
                            fmt::format("field '{}' of step '{}' is defined twice", f.name, s.id));
                }
            }
        }
        std::set<std::string> branches;
        for (const auto& b : m_d.branches) {
            if (!branches.insert(b.id).second)
                problem(b.mark, fmt::format("branch '{}' is defined twice", b.id));
        }
        if (!m_d.start.empty() && m_d.step(m_d.start) == nullptr) {
            problem(m_d.mark, fmt::format("'start' names undefined step '{}'", m_d.start));
        }
        if (!m_d.default_branch.empty()) {
            const auto* b = m_d.branch(m_d.default_branch);
            if (b == nullptr) {
                problem(m_d.mark, fmt::format("'default_branch' names undefined branch '{}'",
                                              m_d.default_branch));
            } else if (b->kind != BranchKind::Return) {
                problem(b->mark,
                        fmt::format("the default branch '{}' must be of kind return", b->id));
            }
        }
    }

    void condition(const Condition& c, const StepDef& owner, const std::string& what) {
        const StepDef* target = c.step.empty() ? &owner : m_d.step(c.step);
        if (target == nullptr) {
            problem(c.mark, fmt::format("{} names undefined step '{}'", what, c.step));
            return;
        }
        if (!c.field.empty() && c.field != "decision" && target->field(c.field) == nullptr) {
            problem(c.mark, fmt::format("{} names undefined field '{}' of step '{}'", what, c.field,
                                        target->id));
        }
    }

    void references(const StepDef& s) {
        auto what = fmt::format("step '{}'", s.id);
        for (std::size_t i = 0; i < s.after.size(); ++i) {
            if (m_d.step(s.after[i]) == nullptr) {
                problem(s.after_marks[i],
                        fmt::format("'after' of {} names undefined step '{}'", what, s.after[i]));
            }
        }
        for (const auto& b : s.branches) {
            if (m_d.branch(b) == nullptr)
                problem(s.mark, fmt::format("{} names undefined branch '{}'", what, b));
        }
        for (const auto& [b, side] : s.side_in_branch) {
            if (m_d.branch(b) == nullptr)
                problem(s.mark,
                        fmt::format("'side_in_branch' of {} names undefined branch '{}'", what, b));
        }
        if (s.deadline) {
            const auto& from = s.deadline->from;
            if (m_d.step(from) == nullptr) {
                problem(
                    s.deadline->from_mark,
                    fmt::format("the deadline of {} counts from undefined step '{}'", what, from));
            } else {
                auto later = m_d.successors(from);
                if (std::find(later.begin(), later.end(), s.id) == later.end()) {
                    problem(s.deadline->from_mark,
                            fmt::format("the deadline of {} counts from step '{}', which does not "
                                        "come before it",
                                        what, from));
                }
            }
        }
        for (const auto& g : s.guards)
            condition(g.require, s, fmt::format("guard '{}' of {}", g.id, what));
        if (!s.decision)
            return;
        const auto& d = *s.decision;
        auto dwhat = fmt::format("decision '{}' of {}", d.id, what);
        if (d.required_when)
            condition(*d.required_when, s, fmt::format("'required_when' of {}", dwhat));
        if (d.outcomes.empty())
            problem(d.mark, fmt::format("{} has no outcomes", dwhat));
        std::set<std::string> ids;
        for (const auto& o : d.outcomes) {
            if (!ids.insert(o.id).second)
                problem(o.mark, fmt::format("{} lists outcome '{}' twice", dwhat, o.id));
            if (o.branch.empty()) {
                problem(o.mark, fmt::format("{} has no branch for outcome '{}'", dwhat, o.id));
            } else if (o.branch != kContinueBranch && m_d.branch(o.branch) == nullptr) {
                problem(o.branch_mark, fmt::format("outcome '{}' of {} names undefined branch '{}'",
                                                   o.id, dwhat, o.branch));
            }
            if (o.hold) {
                for (const auto& b : o.hold->blocks) {
                    if (m_d.step(b) == nullptr) {
                        problem(o.hold->mark,
                                fmt::format("hold '{}' blocks undefined step '{}'", o.hold->id, b));
                    }
                }
            }
            for (const auto& l : o.lifts) {
                if (!hold_defined(l)) {
                    problem(o.mark, fmt::format("outcome '{}' of {} lifts undefined hold '{}'",
                                                o.id, dwhat, l));
                }
            }
        }
    }

    bool hold_defined(std::string_view id) const {
        for (const auto& s : m_d.steps) {
            if (!s.decision)
                continue;
            for (const auto& o : s.decision->outcomes) {
                if (o.hold && o.hold->id == id)
                    return true;
            }
        }
        return false;
    }

    // Depth-first search over `after`; each cycle is reported once, at the step that closes it.
    void cycles() {
        std::map<std::string, int> colour;  // 0 new, 1 on the path, 2 finished
        std::vector<std::string> path;
        std::function<void(const StepDef&)> visit = [&](const StepDef& s) {
            colour[s.id] = 1;
            path.push_back(s.id);
            for (const auto& a : s.after) {
                const auto* prev = m_d.step(a);
                if (prev == nullptr)
                    continue;
                if (colour[a] == 1) {
                    auto start = std::find(path.begin(), path.end(), a);
                    std::string text;
                    for (auto it = start; it != path.end(); ++it)
                        text += *it + " -> ";
                    problem(s.mark, fmt::format("steps form a cycle: {}{}", text, a));
                } else if (colour[a] == 0) {
                    visit(*prev);
                }
            }
            path.pop_back();
            colour[s.id] = 2;
        };
        for (const auto& s : m_d.steps) {
            if (colour[s.id] == 0)
                visit(s);
        }
    }

    void reachability() {
        std::set<std::string> branches{m_d.default_branch};
        for (const auto& s : m_d.steps) {
            if (!s.decision)
                continue;
            for (const auto& o : s.decision->outcomes)
                branches.insert(o.branch);
        }
        std::set<std::string> unreachable;
        for (const auto& s : m_d.steps) {
            if (s.id != m_d.start && s.after.empty()) {
                problem(s.mark,
                        fmt::format(
                            "step '{}' is unreachable: it has no 'after' and is not the start step",
                            s.id));
                unreachable.insert(s.id);
                continue;
            }
            if (s.branches.empty())
                continue;
            bool any = std::any_of(s.branches.begin(), s.branches.end(),
                                   [&](const std::string& b) { return branches.count(b) > 0; });
            if (!any) {
                problem(s.mark,
                        fmt::format("step '{}' is unreachable: no decision leads to branch '{}'",
                                    s.id, s.branches.front()));
                unreachable.insert(s.id);
            }
        }
        for (const auto& s : m_d.steps) {
            if (unreachable.count(s.id))
                continue;
            for (const auto& a : s.after) {
                if (unreachable.count(a)) {
                    problem(s.mark,
                            fmt::format(
                                "step '{}' is unreachable: it comes after unreachable step '{}'",
                                s.id, a));
                    break;
                }
            }
        }
    }

    // The absolute guards (guards.h) read these fields and outcomes; a definition that lacks
    // them could not be protected, so it is refused.
    void anchors() {
        for (auto id : baseline_steps()) {
            if (m_d.step(id) == nullptr)
                problem(m_d.mark, fmt::format("the definition lacks baseline step '{}'", id));
        }
        for (const auto& anchor : guard_anchors()) {
            const auto* s = m_d.step(anchor.step);
            if (s == nullptr)
                continue;
            if (!anchor.field.empty()) {
                const auto* f = s->field(anchor.field);
                if (f == nullptr || f->type != anchor.type) {
                    problem(s->mark,
                            fmt::format("step '{}' must define a {} field '{}' ({})", s->id,
                                        to_string(anchor.type), anchor.field, anchor.why));
                }
            }
            if (!anchor.outcome.empty()) {
                bool found =
                    s->decision &&
                    std::any_of(s->decision->outcomes.begin(), s->decision->outcomes.end(),
                                [&](const OutcomeDef& o) { return o.id == anchor.outcome; });
                if (!found) {
                    problem(s->mark,
                            fmt::format("step '{}' must have a decision with outcome '{}' ({})",
                                        s->id, anchor.outcome, anchor.why));
                }
            }
        }
    }

    const Definition& m_d;
    Diagnostics& m_problems;
};

}  // namespace

void validate_definition(const Definition& definition, Diagnostics& problems) {
    Validator(definition, problems).run();
}

}  // namespace retorno::protocol
