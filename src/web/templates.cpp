#include "web/templates.h"

#include <fstream>
#include <sstream>

namespace retorno::web {

namespace mustache = kainjow::mustache;

Result<Templates> Templates::load(const std::filesystem::path& dir) {
    Templates templates;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".mustache")
            continue;
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        // Parse now, so that a broken template stops the server at start-up, not a user later.
        mustache::mustache parsed{text.str()};
        if (!parsed.is_valid()) {
            return fail(Error::internal("template " + entry.path().string() + ": " +
                                        parsed.error_message()));
        }
        templates.m_sources.emplace(entry.path().stem().string(), text.str());
    }
    if (ec)
        return fail(Error::internal("cannot read the templates in " + dir.string()));
    if (!templates.has("layout"))
        return fail(Error::internal("no layout.mustache in " + dir.string()));
    return templates;
}

Result<std::string> Templates::render(const std::string& name, Data context) const {
    auto it = m_sources.find(name);
    if (it == m_sources.end())
        return fail(Error::internal("no template named " + name));
    // Partials are the templates whose name starts with "_" ({{> _field}}). They live in the
    // same namespace as the page's data, so a page template's name ("error", "case") must never
    // be one: it would hide the page's own value of that name.
    for (const auto& [partial, source] : m_sources) {
        if (!partial.starts_with('_'))
            continue;
        const std::string* text = &source;
        context.set(partial, mustache::partial([text] { return *text; }));
    }
    mustache::mustache tmpl{it->second};
    auto out = tmpl.render(context);
    if (!tmpl.is_valid())
        return fail(Error::internal("template " + name + ": " + tmpl.error_message()));
    return out;
}

}  // namespace retorno::web
