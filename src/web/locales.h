#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/time.h"
#include "protocol/definition.h"

namespace retorno::web {

// The languages of the pages: Spanish first, English on request.
enum class Lang { Es, En };

std::string_view code_of(Lang lang);
std::optional<Lang> parse_lang(std::string_view code);
protocol::Language protocol_language(Lang lang);

// The strings of the pages, one bundle per language (locales/es.json, locales/en.json: flat
// objects of key -> text). Both bundles must have the same keys, so that no page is half
// translated; load() refuses them otherwise. Dates and numbers are formatted here too, with the
// month names of the bundle.
class Locales {
  public:
    static Result<Locales> load(const std::filesystem::path& dir);

    const std::map<std::string, std::string, std::less<>>& strings(Lang lang) const {
        return lang == Lang::Es ? m_es : m_en;
    }
    // The text of a key, or the key itself when the bundle lacks it (visible, never empty).
    std::string text(Lang lang, std::string_view key) const;
    // A vocabulary value's label ("vocab.Feminine"), or the value itself.
    std::string label(Lang lang, std::string_view value) const;

    // "4 mar 2011" / "4 Mar 2011".
    std::string date(Lang lang, Date day) const;
    // "4 mar 2011, 14:05 UTC". Times are shown in UTC, named as such.
    std::string date_time(Lang lang, Timestamp at) const;
    // "10.000" / "10,000".
    static std::string number(Lang lang, long long value);

  private:
    std::map<std::string, std::string, std::less<>> m_es;
    std::map<std::string, std::string, std::less<>> m_en;
};

}  // namespace retorno::web
