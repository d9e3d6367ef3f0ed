#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded_file.h"
#include "core/error.h"

namespace retorno {

// The user-facing strings of one language: a flat JSON object of key -> text, as the files of
// locales/ hold them. A missing key answers the key itself, so that a gap shows instead of an
// empty space; tests check that the bundles of all languages have the same keys.
class StringBundle {
  public:
    // `name` names the bundle in error details ("locales/documents/es.json").
    static Result<StringBundle> parse(std::string_view json_text, const std::string& name);
    // The bundle compiled in as `file` among `files`, the embedded copy of `folder`
    // ("locales/documents"); a file that is not there is an internal error.
    static Result<StringBundle> from_embedded(std::span<const EmbeddedFile> files,
                                              std::string_view folder, std::string_view file);

    std::string text(std::string_view key) const;
    bool contains(std::string_view key) const { return m_strings.contains(key); }
    const std::map<std::string, std::string, std::less<>>& all() const { return m_strings; }

  private:
    std::map<std::string, std::string, std::less<>> m_strings;
};

}  // namespace retorno
