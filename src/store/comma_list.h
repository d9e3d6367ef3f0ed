#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/user.h"

namespace retorno {

// Short lists that both stores keep in one text column, comma-separated: a share's categories
// ("identity,whereabouts") and a user's roles. Their items are codes and never hold a comma.
std::string join_comma_list(const std::vector<std::string>& items);
std::vector<std::string> split_comma_list(std::string_view text);

// Roles by their names (to_string(Role)); a name this program does not know is left out.
std::string join_roles(const std::vector<Role>& roles);
std::vector<Role> split_roles(std::string_view text);

}  // namespace retorno
