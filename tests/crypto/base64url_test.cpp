// decode_base64url against libsodium's decoder, which it replaces for ciphertexts: the same
// bytes for every text libsodium accepts, and a refusal for every text libsodium refuses.

#include <sodium.h>

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "crypto/base64url.h"

namespace retorno::testing {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string encode(const std::vector<unsigned char>& bytes) {
    std::string text(sodium_base64_encoded_len(bytes.size(), kVariant), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), kVariant);
    text.resize(text.find('\0'));
    return text;
}

// libsodium's verdict and bytes, or nothing when it refuses the text.
std::optional<std::vector<unsigned char>> sodium_decode(const std::string& text) {
    std::vector<unsigned char> out(text.size() + 1);
    std::size_t size = 0;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                          kVariant) != 0) {
        return std::nullopt;
    }
    out.resize(size);
    return out;
}

std::optional<std::vector<unsigned char>> ours(const std::string& text) {
    std::vector<unsigned char> out(text.size() + 1);
    auto size = decode_base64url(text, out.data());
    if (!size)
        return std::nullopt;
    out.resize(*size);
    return out;
}

TEST(Base64Url, GivesBackEveryEncodedLengthOfRandomBytes) {
    ASSERT_GE(sodium_init(), 0);
    std::mt19937 random(20261201);
    for (std::size_t length = 0; length <= 200; ++length) {
        std::vector<unsigned char> bytes(length);
        for (auto& byte : bytes)
            byte = static_cast<unsigned char>(random());
        const auto text = encode(bytes);
        auto decoded = ours(text);
        ASSERT_TRUE(decoded) << "length " << length << ": " << text;
        EXPECT_EQ(*decoded, bytes) << "length " << length;
    }
}

TEST(Base64Url, RefusesWhatLibsodiumRefuses) {
    ASSERT_GE(sodium_init(), 0);
    // Each row: a text, and whether it is base64url without padding.
    const std::vector<std::pair<std::string, bool>> rows = {
        {"", true},
        {"QQ", true},      // "A"
        {"QUI", true},     // "AB"
        {"QUJD", true},    // "ABC"
        {"Q", false},      // a length no encoding has
        {"QUJDR", false},  // likewise, after a full group
        {"QR", false},     // unused bits that are not zero
        {"QUJ", false},    // likewise, in a group of three
        {"QQ==", false},   // padding
        {"QU+D", false},   // the other alphabet's characters
        {"QU/D", false},
        {"QU D", false},   // a space
        {"QU\nD", false},  // a line break
        {std::string("QU\0D", 4), false},
        {"-_-_", true},  // the URL-safe characters
    };
    for (const auto& [text, valid] : rows) {
        auto expected = sodium_decode(text);
        ASSERT_EQ(expected.has_value(), valid) << "the table is wrong about '" << text << "'";
        EXPECT_EQ(ours(text), expected) << "'" << text << "'";
    }
}

TEST(Base64Url, RefusesBytesOutsideAscii) {
    // Stricter than libsodium 1.0.18, which takes some bytes above 127 for letters of the
    // alphabet (it accepts "QU\xc3\xb1"); no base64 text has them.
    EXPECT_EQ(ours("QU\xc3\xb1"), std::nullopt);
    EXPECT_EQ(ours("QUJ\xff"), std::nullopt);
    for (int byte = 128; byte < 256; ++byte)
        EXPECT_EQ(ours(std::string("QU") + static_cast<char>(byte) + "D"), std::nullopt) << byte;
}

TEST(Base64Url, AgreesWithLibsodiumOnRandomTexts) {
    ASSERT_GE(sodium_init(), 0);
    // Random texts over the alphabet and a few intruders: both decoders give the same answer.
    const std::string characters =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_+/= ";
    std::mt19937 random(7);
    int accepted = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text(random() % 12, ' ');
        for (auto& c : text) {
            // Mostly alphabet characters, so that many texts are valid.
            auto index = random() % (random() % 8 == 0 ? characters.size() : 64);
            c = characters[index];
        }
        auto expected = sodium_decode(text);
        accepted += expected ? 1 : 0;
        ASSERT_EQ(ours(text), expected) << "'" << text << "'";
    }
    // The comparison means something only if both verdicts occurred often.
    EXPECT_GT(accepted, 2000);
    EXPECT_LT(accepted, 18000);
}

}  // namespace
}  // namespace retorno::testing
