#include "web/locales.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <boost/json.hpp>

namespace retorno::web {

namespace json = boost::json;

std::string_view code_of(Lang lang) {
    return lang == Lang::Es ? "es" : "en";
}

std::optional<Lang> parse_lang(std::string_view code) {
    if (code == "es")
        return Lang::Es;
    if (code == "en")
        return Lang::En;
    return std::nullopt;
}

protocol::Language protocol_language(Lang lang) {
    return lang == Lang::Es ? protocol::Language::Es : protocol::Language::En;
}

namespace {

Result<std::map<std::string, std::string, std::less<>>> read_bundle(
    const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in)
        return fail(Error::internal("cannot read the locale bundle " + file.string()));
    std::stringstream text;
    text << in.rdbuf();
    boost::system::error_code ec;
    auto value = json::parse(text.str(), ec);
    if (ec || !value.is_object()) {
        return fail(Error::internal("the locale bundle " + file.string() +
                                    " is not a JSON object: " + ec.message()));
    }
    std::map<std::string, std::string, std::less<>> out;
    for (const auto& [key, item] : value.as_object()) {
        if (!item.is_string()) {
            return fail(Error::internal("the locale bundle " + file.string() + ": '" +
                                        std::string(key) + "' is not a string"));
        }
        // "section.name": templates read it as {{t.section.name}} (one dot, exactly).
        auto dot = key.find('.');
        if (dot == 0 || dot == std::string::npos || key.find('.', dot + 1) != std::string::npos ||
            dot + 1 == key.size()) {
            return fail(Error::internal("the locale bundle " + file.string() + ": the key '" +
                                        std::string(key) + "' is not of the form section.name"));
        }
        out.emplace(std::string(key), std::string(item.as_string()));
    }
    return out;
}

}  // namespace

Result<Locales> Locales::load(const std::filesystem::path& dir) {
    Locales locales;
    locales.m_es = TRY(read_bundle(dir / "es.json"));
    locales.m_en = TRY(read_bundle(dir / "en.json"));
    for (const auto* pair : {&locales.m_es, &locales.m_en}) {
        const auto& other = pair == &locales.m_es ? locales.m_en : locales.m_es;
        for (const auto& [key, text] : *pair) {
            (void)text;
            if (!other.contains(key)) {
                return fail(Error::internal("the locale key '" + key + "' is in one bundle of " +
                                            dir.string() + " but not in the other"));
            }
        }
    }
    return locales;
}

std::string Locales::text(Lang lang, std::string_view key) const {
    const auto& bundle = strings(lang);
    auto it = bundle.find(key);
    return it == bundle.end() ? std::string(key) : it->second;
}

std::string Locales::label(Lang lang, std::string_view value) const {
    const auto& bundle = strings(lang);
    auto it = bundle.find("vocab." + std::string(value));
    return it == bundle.end() ? std::string(value) : it->second;
}

std::string Locales::date(Lang lang, Date day) const {
    auto month = static_cast<unsigned>(day.month());
    return fmt::format("{} {} {}", static_cast<unsigned>(day.day()),
                       text(lang, fmt::format("month.{}", month)), static_cast<int>(day.year()));
}

std::string Locales::date_time(Lang lang, Timestamp at) const {
    auto day = std::chrono::floor<std::chrono::days>(at);
    std::chrono::hh_mm_ss time{std::chrono::floor<std::chrono::minutes>(at - day)};
    return fmt::format("{}, {:02}:{:02} UTC", date(lang, Date{day}), time.hours().count(),
                       time.minutes().count());
}

std::string Locales::number(Lang lang, long long value) {
    auto digits = std::to_string(value < 0 ? -value : value);
    std::string out;
    const char separator = lang == Lang::Es ? '.' : ',';
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += separator;
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

}  // namespace retorno::web
