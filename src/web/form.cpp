#include "web/form.h"

#include "core/hex.h"

namespace retorno::web {

namespace {

// application/x-www-form-urlencoded: '+' is a space, %XX a byte.
Result<std::string> decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0)
                return fail(Error::make(ErrorCode::InvalidInput, "The form could not be read."));
            out += static_cast<char>(high * 16 + low);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace

Result<Form> Form::parse(const std::string& body) {
    Form form;
    std::string_view rest = body;
    while (!rest.empty()) {
        auto end = rest.find('&');
        auto pair = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
        if (pair.empty())
            continue;
        auto equals = pair.find('=');
        auto name = TRY(decode(pair.substr(0, equals)));
        auto value =
            equals == std::string_view::npos ? std::string{} : TRY(decode(pair.substr(equals + 1)));
        form.m_fields.emplace_back(std::move(name), std::move(value));
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
