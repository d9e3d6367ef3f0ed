#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>

#include "crypto/field_cipher.h"
#include "crypto/keyring.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

TEST(FieldCipher, SealsWithTheCurrentKeyAndOpensOnlyWithTheSameAssociatedData) {
    auto cipher = FieldCipher::in_memory(Keyring::generate());
    auto sealed = cipher->seal("\"Xochitl\"", "case-1:/person/prs_FirstName");
    ASSERT_TRUE(sealed);
    EXPECT_TRUE(FieldCipher::is_sealed(*sealed));
    EXPECT_EQ(FieldCipher::key_id_of(*sealed), cipher->current_key_id());
    EXPECT_EQ(sealed->find("Xochitl"), std::string::npos);
    EXPECT_EQ(*cipher->unseal(*sealed, "case-1:/person/prs_FirstName"), "\"Xochitl\"");
    // Another case or field, a changed byte, or another key: refused.
    EXPECT_FALSE(cipher->unseal(*sealed, "case-2:/person/prs_FirstName"));
    std::string changed = *sealed;
    changed[changed.size() - 3] = changed[changed.size() - 3] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(cipher->unseal(changed, "case-1:/person/prs_FirstName"));
    auto other = FieldCipher::in_memory(Keyring::generate());
    EXPECT_FALSE(other->unseal(*sealed, "case-1:/person/prs_FirstName"));
    // A random nonce per field: the same plaintext seals differently each time.
    EXPECT_NE(*cipher->seal("\"Xochitl\"", "a"), *cipher->seal("\"Xochitl\"", "a"));
}

TEST(FieldCipher, AKeyFileIsOwnerOnlyAndAnUnknownKeyIdReloadsIt) {
    testing::ThrowawayDir dir;
    auto file = data_key_file(dir.path());
    ASSERT_TRUE(create_keyring_file(file));
    struct stat info {};
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    ASSERT_EQ(::stat(file.parent_path().c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0700u);

    // Two processes over one key file; the first rotates.
    auto reader = FieldCipher::open(file);
    ASSERT_TRUE(reader);
    auto old_sealed = (*reader)->seal("1", "x");
    auto rotated = load_keyring_file(file)->with_new_key();
    ASSERT_TRUE(write_keyring_file(file, rotated));
    ASSERT_EQ(::stat(file.c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);
    auto writer = FieldCipher::open(file);
    auto new_sealed = (*writer)->seal("2", "x");
    EXPECT_EQ(FieldCipher::key_id_of(*new_sealed), rotated.current().id);
    // The reader meets the new key id before its reload interval: it reloads at once.
    EXPECT_EQ(*(*reader)->unseal(*new_sealed, "x"), "2");
    EXPECT_EQ(*(*reader)->unseal(*old_sealed, "x"), "1");
    // Once the old key is removed, what it sealed cannot be opened.
    ASSERT_TRUE(write_keyring_file(file, rotated.current_only()));
    auto fresh = FieldCipher::open(file);
    EXPECT_FALSE((*fresh)->unseal(*old_sealed, "x"));
    EXPECT_EQ(*(*fresh)->unseal(*new_sealed, "x"), "2");
}

TEST(Keyring, RefusesDamagedFiles) {
    EXPECT_FALSE(Keyring::parse(""));
    EXPECT_FALSE(Keyring::parse("# only a comment\n"));
    EXPECT_FALSE(Keyring::parse("abc 1234\n"));
    EXPECT_FALSE(Keyring::parse("ABC " + std::string(64, '0') + "\n"));
    EXPECT_FALSE(Keyring::parse("abc " + std::string(64, '0') + " extra\n"));
    EXPECT_FALSE(Keyring::parse("abc " + std::string(64, '0') + "\nabc " + std::string(64, '1')));
    auto ring = Keyring::parse("abc " + std::string(64, '0') + "\ndef " + std::string(64, '1'));
    ASSERT_TRUE(ring);
    EXPECT_EQ(ring->current().id, "def");
    EXPECT_EQ(Keyring::parse(ring->to_text())->keys().size(), 2u);
    testing::ThrowawayDir dir;
    auto missing = FieldCipher::open(dir.path() / "none");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::Unavailable);
}

}  // namespace
}  // namespace retorno
