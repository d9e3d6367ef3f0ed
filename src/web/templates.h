#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <kainjow/mustache.hpp>

#include "core/error.h"

namespace retorno::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;
using Object = kainjow::mustache::object;

// The mustache templates of web/templates/*.mustache, read once at start-up. A template whose
// name starts with "_" is a partial under its own name ({{> _field}}); the others are pages, and
// `layout` wraps every page. (Partials share the namespace of the page's data: when every
// template was a partial, the page value "error" was hidden by error.mustache.)
class Templates {
  public:
    static Result<Templates> load(const std::filesystem::path& dir);

    bool has(const std::string& name) const { return m_sources.contains(name); }
    // Renders one template with the context; the partials are added to the context.
    Result<std::string> render(const std::string& name, Data context) const;

  private:
    std::map<std::string, std::string> m_sources;
};

}  // namespace retorno::web
