#include "protocol/outline.h"

#include <algorithm>

#include <fmt/format.h>

namespace retorno::protocol {

namespace {

struct Words {
    std::string_view protocol, version, extends, country, directions, branches, step, side, acts,
        escalates, after, lane, only_in, deadline, business, calendar, from, fields, required,
        optional, guard, decision, outcome, continues, goes_to, holds, lifts, repeatable;
};

constexpr Words kEs{"Protocolo",       "versión",  "extiende",     "país",
                    "direcciones",     "Rutas",    "Paso",         "lado",
                    "actúa",           "escala a", "después de",   "carril",
                    "solo en",         "plazo",    "días hábiles", "días calendario",
                    "desde",           "campos",   "obligatorio",  "opcional",
                    "condición",       "Decisión", "resultado",    "sigue en la ruta actual",
                    "lleva a la ruta", "suspende", "levanta",      "puede repetirse"};
constexpr Words kEn{"Protocol",       "version",      "extends",       "country",
                    "directions",     "Routes",       "Step",          "side",
                    "acts",           "escalates to", "after",         "lane",
                    "only in",        "deadline",     "business days", "calendar days",
                    "from",           "fields",       "required",      "optional",
                    "guard",          "Decision",     "outcome",       "stays on the current route",
                    "leads to route", "holds",        "lifts",         "may be repeated"};

std::string join(const std::vector<std::string>& list) {
    return fmt::format("{}", fmt::join(list, ", "));
}

}  // namespace

std::string outline(const Definition& d, Language lang) {
    const Words& w = lang == Language::Es ? kEs : kEn;
    std::string out = fmt::format("{} {} ({} {}): {}\n", w.protocol, d.id, w.version, d.version,
                                  d.title.in(lang));
    if (!d.extends_id.empty())
        out +=
            fmt::format("  {} {} {} {}\n", w.extends, d.extends_id, w.version, d.extends_version);
    if (!d.country.empty())
        out += fmt::format("  {}: {}\n", w.country, d.country);
    if (!d.directions.empty()) {
        std::vector<std::string> dirs;
        for (auto dir : d.directions)
            dirs.emplace_back(to_string(dir));
        out += fmt::format("  {}: {}\n", w.directions, join(dirs));
    }
    out += fmt::format("\n{}:\n", w.branches);
    for (const auto& b : d.branches)
        out += fmt::format("  - {} ({}): {}\n", b.id, to_string(b.kind), b.title.in(lang));
    int n = 0;
    for (const auto& s : d.steps) {
        out += fmt::format("\n{}. {} [{}] {}\n", ++n, w.step, s.id, s.title.in(lang));
        std::string actor = s.actor;
        if (auto it = d.institutions.find(s.actor); it != d.institutions.end())
            actor += " — " + it->second;
        out += fmt::format("   {} {}; {}: {}; {} {}\n", w.side, to_string(s.side), w.acts, actor,
                           w.escalates, s.supervisor);
        if (!s.after.empty())
            out += fmt::format("   {}: {}\n", w.after, join(s.after));
        if (!s.lane.empty())
            out += fmt::format("   {}: {}\n", w.lane, s.lane);
        if (!s.branches.empty())
            out += fmt::format("   {}: {}\n", w.only_in, join(s.branches));
        if (!s.directions.empty()) {
            std::vector<std::string> dirs;
            for (auto dir : s.directions)
                dirs.emplace_back(to_string(dir));
            out += fmt::format("   {}: {}\n", w.only_in, join(dirs));
        }
        if (s.repeatable)
            out += fmt::format("   {}\n", w.repeatable);
        if (s.deadline) {
            out += fmt::format("   {}: {} {} {} {}\n", w.deadline, s.deadline->days,
                               s.deadline->unit == DayUnit::Business ? w.business : w.calendar,
                               w.from, s.deadline->from);
        }
        if (!s.fields.empty()) {
            out += fmt::format("   {}:\n", w.fields);
            for (const auto& f : s.fields) {
                auto label = f.label.in(lang);
                out += fmt::format("     - {} ({}, {}{}){}\n", f.name, to_string(f.type),
                                   f.required ? w.required : w.optional,
                                   f.sensitivity == "none" ? "" : ", " + f.sensitivity,
                                   label.empty() ? "" : ": " + label);
            }
        }
        for (const auto& g : s.guards)
            out += fmt::format("   {} {}: {}\n", w.guard, g.id, g.message.in(lang));
        if (s.decision) {
            out += fmt::format("   {} {}: {}\n", w.decision, s.decision->id,
                               s.decision->title.in(lang));
            for (const auto& o : s.decision->outcomes) {
                out += fmt::format("     - {} {}: {} — ", w.outcome, o.id, o.title.in(lang));
                out += o.branch == kContinueBranch ? std::string(w.continues)
                                                   : fmt::format("{} {}", w.goes_to, o.branch);
                if (o.hold)
                    out += fmt::format("; {} {} ({})", w.holds, join(o.hold->blocks), o.hold->id);
                if (!o.lifts.empty())
                    out += fmt::format("; {} {}", w.lifts, join(o.lifts));
                out += "\n";
            }
        }
    }
    return out;
}

namespace {

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

std::string to_dot(const Definition& d, Language lang) {
    std::string out = fmt::format("digraph {} {{\n  rankdir=TB;\n  label={};\n  labelloc=t;\n",
                                  quoted(d.id), quoted(d.title.in(lang)));
    out +=
        "  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"DejaVu "
        "Sans\"];\n";
    std::vector<std::string> lanes;
    for (const auto& s : d.steps) {
        if (std::find(lanes.begin(), lanes.end(), s.lane) == lanes.end())
            lanes.push_back(s.lane);
    }
    for (const auto& lane : lanes) {
        if (!lane.empty())
            out += fmt::format("  subgraph {} {{\n    label={};\n    style=dashed;\n",
                               quoted("cluster_" + lane), quoted(lane));
        for (const auto& s : d.steps) {
            if (s.lane != lane)
                continue;
            auto colour = s.side == Side::Dest ? "#dbeafe" : "#dcfce7";
            auto label = fmt::format("{}\\n[{}] {}", s.title.in(lang), to_string(s.side), s.actor);
            out += fmt::format("    {} [label={}, fillcolor=\"{}\"];\n", quoted(s.id),
                               quoted(label), colour);
        }
        if (!lane.empty())
            out += "  }\n";
    }
    for (const auto& s : d.steps) {
        for (const auto& a : s.after)
            out += fmt::format("  {} -> {};\n", quoted(a), quoted(s.id));
        if (!s.decision)
            continue;
        auto node = s.id + "__" + s.decision->id;
        out +=
            fmt::format("  {} [shape=diamond, style=filled, fillcolor=\"#fef3c7\", label={}];\n",
                        quoted(node), quoted(s.decision->id + "\\n" + s.decision->title.in(lang)));
        out += fmt::format("  {} -> {} [style=dotted];\n", quoted(s.id), quoted(node));
        for (const auto& o : s.decision->outcomes) {
            if (o.branch != kContinueBranch) {
                auto branch = "branch__" + o.branch;
                out += fmt::format("  {} -> {} [label={}];\n", quoted(node), quoted(branch),
                                   quoted(o.id));
            }
            if (o.hold) {
                for (const auto& b : o.hold->blocks) {
                    out += fmt::format("  {} -> {} [label={}, style=dashed, color=red];\n",
                                       quoted(node), quoted(b), quoted(o.id + " ⟂"));
                }
            }
        }
    }
    for (const auto& b : d.branches) {
        out += fmt::format(
            "  {} [shape=note, fillcolor=\"{}\", label={}];\n", quoted("branch__" + b.id),
            b.kind == BranchKind::Return ? "#e0e7ff" : "#fce7f3", quoted(b.title.in(lang)));
    }
    out += "}\n";
    return out;
}

}  // namespace retorno::protocol
