#pragma once

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "protocol/diagnostics.h"

namespace retorno::protocol {

// Reads one YAML mapping of a definition file, collecting every problem instead of stopping at
// the first: a coordinator fixing a file wants the whole list at once.
class YamlReader {
  public:
    YamlReader(std::string file, Diagnostics& problems)
        : m_file(std::move(file)), m_problems(problems) {}

    SourceMark mark(const YAML::Node& node) const;
    void problem(const YAML::Node& node, std::string message);
    void problem(SourceMark mark, std::string message);

    // Checks that `node` is a mapping whose keys are all in `allowed` and appear once; `what`
    // names it in messages ("step 'interview'"). Returns false when it is not a mapping.
    bool check_map(const YAML::Node& node, std::string_view what,
                   std::initializer_list<std::string_view> allowed);
    // The value of `key` in a mapping, or an undefined node.
    static YAML::Node get(const YAML::Node& map, std::string_view key);
    // The mark of `key` itself in a mapping, for messages about its value's meaning.
    SourceMark key_mark(const YAML::Node& map, std::string_view key) const;

    // Typed scalar reads. A missing key yields nullopt with a problem only when `required`.
    std::optional<std::string> string(const YAML::Node& map, std::string_view key,
                                      std::string_view what, bool required);
    std::optional<int> integer(const YAML::Node& map, std::string_view key, std::string_view what,
                               bool required);
    std::optional<bool> boolean(const YAML::Node& map, std::string_view key, std::string_view what);
    // A list of scalars; a single scalar is accepted as a list of one.
    std::vector<std::string> strings(const YAML::Node& map, std::string_view key,
                                     std::string_view what,
                                     std::vector<SourceMark>* marks = nullptr);
    Text text(const YAML::Node& map, std::string_view key, std::string_view what, bool required);

    const std::string& file() const { return m_file; }

  private:
    std::string m_file;
    Diagnostics& m_problems;
};

}  // namespace retorno::protocol
