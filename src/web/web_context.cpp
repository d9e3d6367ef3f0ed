#include "web/web_context.h"

namespace retorno::web {

namespace {

// "nav.inbox" -> {nav: {inbox: ...}}: mustache splits dotted names, so the keys become sections.
Data nested(const std::map<std::string, std::string, std::less<>>& strings) {
    std::map<std::string, Data> sections;
    for (const auto& [key, text] : strings) {
        auto dot = key.find('.');
        auto& section = sections.try_emplace(key.substr(0, dot), Data::type::object).first->second;
        section.set(key.substr(dot + 1), text);
    }
    Data out{Data::type::object};
    for (auto& [name, section] : sections)
        out.set(name, section);
    return out;
}

}  // namespace

Result<std::unique_ptr<WebContext>> make_web_context(const std::filesystem::path& resources,
                                                     CaseService& cases, Store& store,
                                                     access::AccessServices& security,
                                                     const protocol::ProtocolRegistry& protocols,
                                                     const Clock& clock, http::Limits limits) {
    auto locales = TRY(Locales::load(resources / "locales"));
    auto templates = TRY(Templates::load(resources / "web" / "templates"));
    auto statics = TRY(StaticFiles::load(resources / "web" / "static"));
    auto es = nested(locales.strings(Lang::Es));
    auto en = nested(locales.strings(Lang::En));
    return std::unique_ptr<WebContext>(new WebContext{
        cases, store, security, protocols, clock, limits, std::move(locales), std::move(templates),
        std::move(statics), std::move(es), std::move(en), nullptr});
}

}  // namespace retorno::web
