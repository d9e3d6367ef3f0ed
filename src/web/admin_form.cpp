#include "web/admin_form.h"

#include <array>
#include <string_view>

namespace retorno::web {

Data admin_input(const std::string& name, const std::string& label, const std::string& type,
                 const std::string& value, bool required) {
    Data field{Data::type::object};
    field.set("id", "a-" + name);
    field.set("name", name);
    field.set("label", label);
    field.set("input", true);
    field.set("type", type);
    field.set("value", type == "password" ? std::string{} : value);
    field.set("required", required);
    return field;
}

Data admin_select(const std::string& name, const std::string& label, List options, bool required) {
    Data field{Data::type::object};
    field.set("id", "a-" + name);
    field.set("name", name);
    field.set("label", label);
    field.set("select", true);
    field.set("options", options);
    field.set("required", required);
    return field;
}

Result<std::string> place_refusal(WebContext& web, const Page& page, const Error& error,
                                  List& fields) {
    if (error.code != ErrorCode::InvalidInput && error.code != ErrorCode::Conflict)
        return fail(error);
    // The directory names the field; the message is this page's, in the reader's language.
    std::string key = "admin.invalid_" + error.field;
    if (error.code == ErrorCode::Conflict)
        key += "_conflict";
    std::string message = web.locales.text(page.lang, key);
    for (auto& field : fields) {
        if (!field.is_object())
            continue;
        auto* name = field.get("name");
        if (name != nullptr && name->is_string() && name->string_value() == error.field) {
            field.set("error", message);
            return std::string{};
        }
    }
    return message;
}

std::string done_notice(WebContext& web, const Page& page) {
    static constexpr std::array<std::string_view, 5> kDone{"institution_added",
                                                           "institution_parent_set", "user_added",
                                                           "user_disabled", "password_reset"};
    auto done = page.query("done");
    for (auto known : kDone) {
        if (done == known)
            return web.locales.text(page.lang, "admin.done_" + done);
    }
    return {};
}

}  // namespace retorno::web
