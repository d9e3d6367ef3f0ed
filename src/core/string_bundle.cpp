#include "core/string_bundle.h"

#include <boost/json.hpp>

namespace retorno {

namespace json = boost::json;

Result<StringBundle> StringBundle::from_embedded(std::span<const EmbeddedFile> files,
                                                 std::string_view folder, std::string_view file) {
    std::string name = std::string(folder) + "/" + std::string(file);
    for (const auto& embedded : files) {
        if (embedded.name == file)
            return parse(embedded.content, name);
    }
    return fail(Error::internal(name + " is not compiled in"));
}

Result<StringBundle> StringBundle::parse(std::string_view json_text, const std::string& name) {
    boost::system::error_code ec;
    auto value = json::parse(json_text, ec);
    if (ec || !value.is_object()) {
        return fail(Error::internal("the string bundle " + name + " is not a JSON object"));
    }
    StringBundle bundle;
    for (const auto& [key, item] : value.as_object()) {
        if (!item.is_string()) {
            return fail(Error::internal("the string bundle " + name + ": '" + std::string(key) +
                                        "' is not a string"));
        }
        bundle.m_strings.emplace(std::string(key), std::string(item.as_string()));
    }
    return bundle;
}

std::string StringBundle::text(std::string_view key) const {
    auto it = m_strings.find(key);
    return it == m_strings.end() ? std::string(key) : it->second;
}

}  // namespace retorno
