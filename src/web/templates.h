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

// The mustache templates of web/templates/*.mustache, parsed once at start-up. Every template
// is also a partial under its own name ({{> case_nav}}); `layout` wraps every page.
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
