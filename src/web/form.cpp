#include "web/form.h"

#include <boost/url/parse_query.hpp>

namespace retorno::web {

Result<Form> Form::parse(const std::string& body) {
    Form form;
    auto params = boost::urls::parse_query(body);
    if (!params) {
        return fail(Error::make(ErrorCode::InvalidInput, "The form could not be read."));
    }
    for (auto param : *params) {
        form.m_fields.emplace_back(param.key, param.has_value ? param.value : std::string{});
    }
    return form;
}

std::string Form::get(const std::string& name) const {
    for (const auto& [key, value] : m_fields) {
        if (key == name)
            return value;
    }
    return {};
}

std::vector<std::string> Form::all(const std::string& name) const {
    std::vector<std::string> out;
    for (const auto& [key, value] : m_fields) {
        if (key == name && !value.empty())
            out.push_back(value);
    }
    return out;
}

bool Form::has(const std::string& name) const {
    for (const auto& [key, value] : m_fields) {
        (void)value;
        if (key == name)
            return true;
    }
    return false;
}

}  // namespace retorno::web
