// The comma-separated lists that both stores keep in one column: a share's categories and a
// user's roles.

#include <gtest/gtest.h>

#include "store/comma_list.h"

namespace retorno {
namespace {

TEST(CommaList, ListsGoIntoOneTextAndComeBackTheSame) {
    using List = std::vector<std::string>;
    for (const List& list : {List{}, List{"identity"}, List{"identity", "whereabouts", "legal"}}) {
        EXPECT_EQ(split_comma_list(join_comma_list(list)), list);
    }
    EXPECT_EQ(join_comma_list({"identity", "whereabouts"}), "identity,whereabouts");
    EXPECT_TRUE(split_comma_list("").empty());
}

TEST(CommaList, RolesComeBackByNameAndAnUnknownNameIsLeftOut) {
    std::vector<Role> roles{Role::Caseworker, Role::Supervisor};
    std::string text = join_roles(roles);
    EXPECT_EQ(split_roles(text), roles);
    EXPECT_EQ(split_roles(text + ",retired_role"), roles);
    EXPECT_TRUE(split_roles("").empty());
}

}  // namespace
}  // namespace retorno
