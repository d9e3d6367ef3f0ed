#include "store/comma_list.h"

namespace retorno {

namespace {

// Calls `item` for each comma-separated part of `text`; an empty text has none.
template <typename Item>
void for_each_item(std::string_view text, Item&& item) {
    while (!text.empty()) {
        auto comma = text.find(',');
        item(text.substr(0, comma));
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
}

template <typename List, typename Name>
std::string join_items(const List& items, Name&& name) {
    std::string out;
    for (const auto& item : items) {
        if (!out.empty())
            out += ',';
        out += name(item);
    }
    return out;
}

}  // namespace

std::string join_comma_list(const std::vector<std::string>& items) {
    return join_items(items, [](const std::string& item) -> const std::string& { return item; });
}

std::vector<std::string> split_comma_list(std::string_view text) {
    std::vector<std::string> out;
    for_each_item(text, [&](std::string_view item) { out.emplace_back(item); });
    return out;
}

std::string join_roles(const std::vector<Role>& roles) {
    return join_items(roles, [](Role role) { return to_string(role); });
}

std::vector<Role> split_roles(std::string_view text) {
    std::vector<Role> roles;
    for_each_item(text, [&](std::string_view name) {
        if (auto role = parse_role(name))
            roles.push_back(*role);
    });
    return roles;
}

}  // namespace retorno
