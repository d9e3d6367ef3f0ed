#include <gtest/gtest.h>

#include "crypto/password.h"

namespace retorno {
namespace {

TEST(Password, VerifiesTheRightPasswordOnly) {
    auto hash = hash_password("correct horse battery");
    ASSERT_TRUE(hash);
    EXPECT_TRUE(hash->starts_with("$argon2id$"));
    EXPECT_EQ(verify_password(*hash, "correct horse battery"), PasswordMatch::Yes);
    EXPECT_EQ(verify_password(*hash, "correct horse batterY"), PasswordMatch::No);
    EXPECT_EQ(verify_password("", "anything"), PasswordMatch::No);
}

TEST(Password, SaltsEachHash) {
    EXPECT_NE(*hash_password("same password here"), *hash_password("same password here"));
}

TEST(Password, RefusesShortAndHugePasswords) {
    EXPECT_FALSE(check_password_strength("short"));
    EXPECT_FALSE(check_password_strength(std::string(257, 'a')));
    EXPECT_TRUE(check_password_strength("twelve chars"));
}

}  // namespace
}  // namespace retorno
