#include "protocol/yaml_reader.h"

#include <fmt/format.h>

namespace retorno::protocol {

SourceMark YamlReader::mark(const YAML::Node& node) const {
    auto m = node.Mark();
    if (m.is_null())
        return SourceMark{m_file, 1, 1};
    return SourceMark{m_file, m.line + 1, m.column + 1};
}

void YamlReader::problem(const YAML::Node& node, std::string message) {
    m_problems.push_back(Diagnostic{mark(node), std::move(message)});
}

void YamlReader::problem(SourceMark where, std::string message) {
    m_problems.push_back(Diagnostic{std::move(where), std::move(message)});
}

bool YamlReader::check_map(const YAML::Node& node, std::string_view what,
                           std::initializer_list<std::string_view> allowed) {
    if (!node.IsMap()) {
        problem(node, fmt::format("{} must be a mapping of keys to values", what));
        return false;
    }
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        auto key = it->first.Scalar();
        bool known = false;
        for (auto a : allowed)
            known = known || a == key;
        if (!known) {
            problem(it->first, fmt::format("unknown key '{}' in {}", key, what));
        } else if (!seen.insert(key).second) {
            problem(it->first, fmt::format("key '{}' appears twice in {}", key, what));
        }
    }
    return true;
}

YAML::Node YamlReader::get(const YAML::Node& map, std::string_view key) {
    if (!map.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.Scalar() == key)
            return it->second;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

SourceMark YamlReader::key_mark(const YAML::Node& map, std::string_view key) const {
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it->first.Scalar() == key)
            return mark(it->first);
    }
    return mark(map);
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, std::string_view key,
                                              std::string_view what, bool required) {
    auto node = get(map, key);
    if (!node.IsDefined() || node.IsNull()) {
        if (required)
            problem(map, fmt::format("{} has no '{}'", what, key));
        return std::nullopt;
    }
    if (!node.IsScalar()) {
        problem(node, fmt::format("'{}' of {} must be a single value", key, what));
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<int> YamlReader::integer(const YAML::Node& map, std::string_view key,
                                       std::string_view what, bool required) {
    auto text = string(map, key, what, required);
    if (!text)
        return std::nullopt;
    try {
        std::size_t used = 0;
        int value = std::stoi(*text, &used);
        if (used == text->size())
            return value;
    } catch (const std::exception&) {
    }
    problem(get(map, key),
            fmt::format("'{}' of {} must be a whole number, not '{}'", key, what, *text));
    return std::nullopt;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, std::string_view key,
                                        std::string_view what) {
    auto text = string(map, key, what, false);
    if (!text)
        return std::nullopt;
    if (*text == "true")
        return true;
    if (*text == "false")
        return false;
    problem(get(map, key),
            fmt::format("'{}' of {} must be true or false, not '{}'", key, what, *text));
    return std::nullopt;
}

std::vector<std::string> YamlReader::strings(const YAML::Node& map, std::string_view key,
                                             std::string_view what,
                                             std::vector<SourceMark>* marks) {
    std::vector<std::string> out;
    auto node = get(map, key);
    if (!node.IsDefined() || node.IsNull())
        return out;
    if (node.IsScalar()) {
        out.push_back(node.Scalar());
        if (marks)
            marks->push_back(mark(node));
        return out;
    }
    if (!node.IsSequence()) {
        problem(node, fmt::format("'{}' of {} must be a list", key, what));
        return out;
    }
    for (const auto& item : node) {
        if (!item.IsScalar()) {
            problem(item, fmt::format("'{}' of {} must be a list of single values", key, what));
            continue;
        }
        out.push_back(item.Scalar());
        if (marks)
            marks->push_back(mark(item));
    }
    return out;
}

Text YamlReader::text(const YAML::Node& map, std::string_view key, std::string_view what,
                      bool required) {
    Text out;
    auto node = get(map, key);
    if (!node.IsDefined() || node.IsNull()) {
        if (required)
            problem(map, fmt::format("{} has no '{}'", what, key));
        return out;
    }
    // A plain string serves both languages until someone translates it.
    if (node.IsScalar()) {
        out.es = out.en = node.Scalar();
        return out;
    }
    auto where = fmt::format("'{}' of {}", key, what);
    if (!check_map(node, where, {"es", "en"}))
        return out;
    out.es = string(node, "es", where, true).value_or("");
    out.en = string(node, "en", where, true).value_or("");
    return out;
}

}  // namespace retorno::protocol
