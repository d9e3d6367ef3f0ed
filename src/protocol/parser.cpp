#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "domain/vocabulary.h"
#include "protocol/loader.h"
#include "protocol/yaml_reader.h"

namespace retorno::protocol {

namespace {

// HTCDS picklists that a field may name as `vocabulary: htcds:<name>`.
std::optional<std::vector<std::string>> htcds_vocabulary(std::string_view name) {
    std::span<const std::string_view> values;
    if (name == "gender")
        values = vocabulary::gender();
    else if (name == "trafficking_status")
        values = vocabulary::trafficking_status();
    else if (name == "relationship_to_trafficker")
        values = vocabulary::relationship_to_trafficker();
    else if (name == "type_of_exploitation")
        values = vocabulary::type_of_exploitation();
    else if (name == "case_status")
        values = vocabulary::case_status();
    else if (name == "institution_type")
        values = vocabulary::institution_type();
    else
        return std::nullopt;
    return std::vector<std::string>(values.begin(), values.end());
}

bool is_institution_type(std::string_view type) {
    for (auto t : vocabulary::institution_type()) {
        if (t == type)
            return true;
    }
    return false;
}

class DefinitionParser {
  public:
    DefinitionParser(std::string file, Diagnostics& problems) : m_in(std::move(file), problems) {}

    ParsedDefinition parse(const YAML::Node& root) {
        ParsedDefinition out;
        auto& d = out.definition;
        d.mark = m_in.mark(root);
        if (!m_in.check_map(root, "the definition",
                            {"id", "version", "title", "country", "extends", "directions", "start",
                             "default_branch", "branches", "institutions", "steps"})) {
            return out;
        }
        d.id = m_in.string(root, "id", "the definition", true).value_or("");
        d.version = m_in.integer(root, "version", "the definition", true).value_or(0);
        if (d.version < 0)
            m_in.problem(YamlReader::get(root, "version"), "version must be 1 or more");
        d.title = m_in.text(root, "title", "the definition", true);
        d.country = m_in.string(root, "country", "the definition", false).value_or("");
        if (auto ext = YamlReader::get(root, "extends"); ext.IsDefined()) {
            if (m_in.check_map(ext, "'extends'", {"id", "version"})) {
                d.extends_id = m_in.string(ext, "id", "'extends'", true).value_or("");
                d.extends_version = m_in.integer(ext, "version", "'extends'", true).value_or(0);
            }
        }
        bool variant = !d.extends_id.empty();
        if (variant && d.country.empty()) {
            m_in.problem(root, "a variant that extends another definition must name its 'country'");
        }
        std::vector<SourceMark> marks;
        auto directions = m_in.strings(root, "directions", "the definition", &marks);
        for (std::size_t i = 0; i < directions.size(); ++i) {
            if (auto dir = direction(directions[i], marks[i]))
                d.directions.push_back(*dir);
        }
        d.start = m_in.string(root, "start", "the definition", !variant).value_or("");
        d.default_branch =
            m_in.string(root, "default_branch", "the definition", !variant).value_or("");
        if (auto branches = YamlReader::get(root, "branches"); branches.IsDefined()) {
            if (!branches.IsSequence()) {
                m_in.problem(branches, "'branches' must be a list");
            } else {
                for (const auto& b : branches)
                    d.branches.push_back(branch(b));
            }
        }
        if (auto inst = YamlReader::get(root, "institutions"); inst.IsDefined()) {
            if (!inst.IsMap()) {
                m_in.problem(inst, "'institutions' must map institution types to names");
            } else {
                for (auto it = inst.begin(); it != inst.end(); ++it) {
                    if (!is_institution_type(it->first.Scalar())) {
                        m_in.problem(it->first, fmt::format("unknown institution type '{}'",
                                                            it->first.Scalar()));
                    }
                    d.institutions[it->first.Scalar()] = it->second.Scalar();
                }
            }
        }
        auto steps = YamlReader::get(root, "steps");
        if (!steps.IsDefined()) {
            if (!variant)
                m_in.problem(root, "the definition has no 'steps'");
        } else if (!steps.IsSequence()) {
            m_in.problem(steps, "'steps' must be a list");
        } else {
            for (const auto& s : steps) {
                std::set<std::string> keys;
                if (s.IsMap()) {
                    for (auto it = s.begin(); it != s.end(); ++it)
                        keys.insert(it->first.Scalar());
                }
                auto parsed = step(s);
                out.step_keys[parsed.id] = std::move(keys);
                d.steps.push_back(std::move(parsed));
            }
        }
        return out;
    }

  private:
    std::optional<Direction> direction(std::string_view text, const SourceMark& where) {
        if (text == "foreign_child_in_country")
            return Direction::ForeignChildInCountry;
        if (text == "national_child_abroad")
            return Direction::NationalChildAbroad;
        m_in.problem(where, fmt::format("direction must be foreign_child_in_country or "
                                        "national_child_abroad, not '{}'",
                                        text));
        return std::nullopt;
    }

    BranchDef branch(const YAML::Node& node) {
        BranchDef b;
        b.mark = m_in.mark(node);
        if (!m_in.check_map(node, "a branch", {"id", "kind", "title"}))
            return b;
        b.id = m_in.string(node, "id", "a branch", true).value_or("");
        auto what = fmt::format("branch '{}'", b.id);
        b.title = m_in.text(node, "title", what, true);
        auto kind = m_in.string(node, "kind", what, true).value_or("return");
        if (kind == "alternative") {
            b.kind = BranchKind::Alternative;
        } else if (kind != "return") {
            m_in.problem(
                YamlReader::get(node, "kind"),
                fmt::format("kind of {} must be return or alternative, not '{}'", what, kind));
        }
        return b;
    }

    StepDef step(const YAML::Node& node) {
        StepDef s;
        s.mark = m_in.mark(node);
        // The id names the step in every message about it, so it is read before the keys.
        auto id_node = YamlReader::get(node, "id");
        auto named =
            id_node.IsScalar() ? fmt::format("step '{}'", id_node.Scalar()) : std::string("a step");
        if (!m_in.check_map(node, named,
                            {"id", "title", "side", "side_in_branch", "actor", "supervisor",
                             "after", "lane", "branches", "directions", "repeatable", "fields",
                             "deadline", "guards", "decision"})) {
            return s;
        }
        s.id = m_in.string(node, "id", "a step", true).value_or("");
        auto what = fmt::format("step '{}'", s.id);
        // Whether title, side and actor are required depends on whether the step patches a
        // baseline step; merge_variant and validate_definition check that.
        s.title = m_in.text(node, "title", what, false);
        if (auto side = m_in.string(node, "side", what, false)) {
            if (*side == "ORIG") {
                s.side = Side::Orig;
            } else if (*side != "DEST") {
                m_in.problem(YamlReader::get(node, "side"),
                             fmt::format("side of {} must be DEST or ORIG, not '{}'", what, *side));
            }
        }
        if (auto sides = YamlReader::get(node, "side_in_branch"); sides.IsDefined()) {
            if (!sides.IsMap()) {
                m_in.problem(
                    sides,
                    fmt::format("'side_in_branch' of {} must map branches to DEST or ORIG", what));
            } else {
                for (auto it = sides.begin(); it != sides.end(); ++it) {
                    auto value = it->second.Scalar();
                    if (value != "DEST" && value != "ORIG") {
                        m_in.problem(
                            it->second,
                            fmt::format("side of {} must be DEST or ORIG, not '{}'", what, value));
                        continue;
                    }
                    s.side_in_branch[it->first.Scalar()] =
                        value == "DEST" ? Side::Dest : Side::Orig;
                }
            }
        }
        for (const char* key : {"actor", "supervisor"}) {
            auto type = m_in.string(node, key, what, false).value_or("");
            if (!type.empty() && !is_institution_type(type)) {
                m_in.problem(
                    YamlReader::get(node, key),
                    fmt::format("{} of {} is not an institution type: '{}'", key, what, type));
            }
            (std::string_view(key) == "actor" ? s.actor : s.supervisor) = type;
        }
        s.after = m_in.strings(node, "after", what, &s.after_marks);
        s.lane = m_in.string(node, "lane", what, false).value_or("");
        s.branches = m_in.strings(node, "branches", what);
        std::vector<SourceMark> marks;
        auto directions = m_in.strings(node, "directions", what, &marks);
        for (std::size_t i = 0; i < directions.size(); ++i) {
            if (auto dir = direction(directions[i], marks[i]))
                s.directions.push_back(*dir);
        }
        s.repeatable = m_in.boolean(node, "repeatable", what).value_or(false);
        s.fields = fields(YamlReader::get(node, "fields"), what);
        if (auto dl = YamlReader::get(node, "deadline"); dl.IsDefined())
            s.deadline = deadline(dl, what);
        if (auto guards = YamlReader::get(node, "guards"); guards.IsDefined()) {
            if (!guards.IsSequence()) {
                m_in.problem(guards, fmt::format("'guards' of {} must be a list", what));
            } else {
                for (const auto& g : guards)
                    s.guards.push_back(guard(g, what));
            }
        }
        if (auto dec = YamlReader::get(node, "decision"); dec.IsDefined()) {
            s.decision = decision(dec, what);
        }
        return s;
    }

    std::vector<FieldDef> fields(const YAML::Node& node, const std::string& owner) {
        std::vector<FieldDef> out;
        if (!node.IsDefined())
            return out;
        if (!node.IsSequence()) {
            m_in.problem(node, fmt::format("'fields' of {} must be a list", owner));
            return out;
        }
        for (const auto& f : node) {
            FieldDef field;
            field.mark = m_in.mark(f);
            if (!m_in.check_map(
                    f, fmt::format("a field of {}", owner),
                    {"name", "type", "required", "vocabulary", "sensitivity", "label"})) {
                continue;
            }
            field.name =
                m_in.string(f, "name", fmt::format("a field of {}", owner), true).value_or("");
            auto what = fmt::format("field '{}' of {}", field.name, owner);
            auto type = m_in.string(f, "type", what, true).value_or("string");
            static constexpr FieldType kTypes[] = {
                FieldType::String,  FieldType::Text, FieldType::Boolean,
                FieldType::Integer, FieldType::Date, FieldType::Timestamp,
                FieldType::Country, FieldType::Enum, FieldType::List};
            bool known = false;
            for (auto t : kTypes) {
                if (to_string(t) == type) {
                    field.type = t;
                    known = true;
                }
            }
            if (!known) {
                m_in.problem(
                    YamlReader::get(f, "type"),
                    fmt::format("type of {} must be one of string, text, boolean, integer, "
                                "date, timestamp, country, enum, list; not '{}'",
                                what, type));
            }
            field.required = m_in.boolean(f, "required", what).value_or(false);
            auto vocab = YamlReader::get(f, "vocabulary");
            if (vocab.IsScalar() && vocab.Scalar().rfind("htcds:", 0) == 0) {
                auto values = htcds_vocabulary(vocab.Scalar().substr(6));
                if (!values) {
                    m_in.problem(vocab,
                                 fmt::format("unknown HTCDS vocabulary '{}'", vocab.Scalar()));
                } else {
                    field.vocabulary = *values;
                }
            } else {
                field.vocabulary = m_in.strings(f, "vocabulary", what);
            }
            if (field.type == FieldType::Enum && field.vocabulary.empty() && known) {
                m_in.problem(f, fmt::format("{} is an enum but has no 'vocabulary'", what));
            }
            // Every field names its category: who may see it and whether it is encrypted at
            // rest depend on it, so nothing is left to a default.
            field.sensitivity = m_in.string(f, "sensitivity", what, true).value_or("none");
            field.category = parse_category(field.sensitivity);
            if (field.sensitivity != "none" && !field.category) {
                m_in.problem(YamlReader::get(f, "sensitivity"),
                             fmt::format("sensitivity of {} must be one of none, identity, "
                                         "whereabouts, health, exploitation, protection, legal; "
                                         "not '{}'",
                                         what, field.sensitivity));
            }
            field.label = m_in.text(f, "label", what, false);
            out.push_back(std::move(field));
        }
        return out;
    }

    Deadline deadline(const YAML::Node& node, const std::string& owner) {
        Deadline d;
        d.mark = m_in.mark(node);
        auto what = fmt::format("the deadline of {}", owner);
        if (!m_in.check_map(node, what, {"days", "unit", "from"}))
            return d;
        d.days = m_in.integer(node, "days", what, true).value_or(0);
        if (d.days < 0)
            m_in.problem(YamlReader::get(node, "days"),
                         fmt::format("days of {} cannot be negative", what));
        auto unit = m_in.string(node, "unit", what, true).value_or("calendar_days");
        if (unit == "business_days") {
            d.unit = DayUnit::Business;
        } else if (unit != "calendar_days") {
            m_in.problem(YamlReader::get(node, "unit"),
                         fmt::format("unit of {} must be business_days or calendar_days, not '{}'",
                                     what, unit));
        }
        d.from = m_in.string(node, "from", what, true).value_or("");
        d.from_mark = m_in.mark(YamlReader::get(node, "from"));
        return d;
    }

    Condition condition(const YAML::Node& node, const std::string& what) {
        Condition c;
        c.mark = m_in.mark(node);
        if (!m_in.check_map(node, what, {"step", "field", "equals", "one_of"}))
            return c;
        c.step = m_in.string(node, "step", what, false).value_or("");
        c.field = m_in.string(node, "field", what, false).value_or("");
        if (auto eq = m_in.string(node, "equals", what, false))
            c.one_of.push_back(*eq);
        for (auto& v : m_in.strings(node, "one_of", what))
            c.one_of.push_back(v);
        if (!c.one_of.empty() && c.field.empty()) {
            m_in.problem(node, fmt::format("{} compares a value but names no 'field'", what));
        }
        return c;
    }

    GuardDef guard(const YAML::Node& node, const std::string& owner) {
        GuardDef g;
        g.mark = m_in.mark(node);
        if (!m_in.check_map(node, fmt::format("a guard of {}", owner),
                            {"id", "require", "message"})) {
            return g;
        }
        g.id = m_in.string(node, "id", fmt::format("a guard of {}", owner), true).value_or("");
        auto what = fmt::format("guard '{}' of {}", g.id, owner);
        if (auto req = YamlReader::get(node, "require"); req.IsDefined()) {
            g.require = condition(req, fmt::format("'require' of {}", what));
        } else {
            m_in.problem(node, fmt::format("{} has no 'require'", what));
        }
        g.message = m_in.text(node, "message", what, true);
        return g;
    }

    DecisionDef decision(const YAML::Node& node, const std::string& owner) {
        DecisionDef d;
        d.mark = m_in.mark(node);
        auto what = fmt::format("the decision of {}", owner);
        if (!m_in.check_map(node, what,
                            {"id", "title", "required", "required_when", "fields", "outcomes"})) {
            return d;
        }
        d.id = m_in.string(node, "id", what, true).value_or("");
        what = fmt::format("decision '{}' of {}", d.id, owner);
        d.title = m_in.text(node, "title", what, true);
        d.required = m_in.boolean(node, "required", what).value_or(true);
        if (auto when = YamlReader::get(node, "required_when"); when.IsDefined()) {
            d.required_when = condition(when, fmt::format("'required_when' of {}", what));
        }
        d.fields = fields(YamlReader::get(node, "fields"), what);
        auto outcomes = YamlReader::get(node, "outcomes");
        if (!outcomes.IsDefined()) {
            m_in.problem(node, fmt::format("{} has no 'outcomes'", what));
        } else if (!outcomes.IsSequence()) {
            m_in.problem(outcomes, fmt::format("'outcomes' of {} must be a list", what));
        } else {
            for (const auto& o : outcomes)
                d.outcomes.push_back(outcome(o, what));
        }
        return d;
    }

    OutcomeDef outcome(const YAML::Node& node, const std::string& owner) {
        OutcomeDef o;
        o.mark = m_in.mark(node);
        if (!m_in.check_map(node, fmt::format("an outcome of {}", owner),
                            {"id", "title", "branch", "hold", "lifts"})) {
            return o;
        }
        o.id = m_in.string(node, "id", fmt::format("an outcome of {}", owner), true).value_or("");
        auto what = fmt::format("outcome '{}' of {}", o.id, owner);
        o.title = m_in.text(node, "title", what, true);
        // A missing branch is reported by the validator, which words it for the whole decision.
        o.branch = m_in.string(node, "branch", what, false).value_or("");
        o.branch_mark = m_in.mark(YamlReader::get(node, "branch"));
        if (auto hold = YamlReader::get(node, "hold"); hold.IsDefined()) {
            HoldDef h;
            h.mark = m_in.mark(hold);
            auto hw = fmt::format("the hold of {}", what);
            if (m_in.check_map(hold, hw, {"id", "blocks", "message"})) {
                h.id = m_in.string(hold, "id", hw, true).value_or("");
                h.blocks = m_in.strings(hold, "blocks", hw);
                if (h.blocks.empty())
                    m_in.problem(hold, fmt::format("{} has no 'blocks'", hw));
                h.message = m_in.text(hold, "message", hw, true);
            }
            o.hold = std::move(h);
        }
        o.lifts = m_in.strings(node, "lifts", what);
        return o;
    }

    YamlReader m_in;
};

}  // namespace

std::optional<ParsedDefinition> parse_definition(const std::filesystem::path& file,
                                                 Diagnostics& problems) {
    std::ifstream in(file);
    if (!in) {
        problems.push_back(Diagnostic{SourceMark{file.string(), 1, 1}, "cannot read the file"});
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    YAML::Node root;
    try {
        root = YAML::Load(text.str());
    } catch (const YAML::ParserException& e) {
        problems.push_back(Diagnostic{SourceMark{file.string(), e.mark.line + 1, e.mark.column + 1},
                                      "not valid YAML: " + e.msg});
        return std::nullopt;
    }
    DefinitionParser parser(file.string(), problems);
    return parser.parse(root);
}

}  // namespace retorno::protocol
