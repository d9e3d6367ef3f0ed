#include "synthetic/text.h"

#include <gtest/gtest.h>

#include "synthetic/random.h"
#include "synthetic/variants.h"

namespace retorno::synthetic {
namespace {

TEST(Text, AccentsAndCase) {
    EXPECT_EQ(without_accents("Hernández Núñez Güel Ngäbe"), "Hernandez Nunez Guel Ngabe");
    EXPECT_EQ(upper_case("José Peña Ñandú"), "JOSÉ PEÑA ÑANDÚ");
    EXPECT_EQ(with_accent("a"), "á");
    EXPECT_EQ(with_accent("u"), "ú");  // not "ü"
    EXPECT_EQ(with_accent("n"), "ñ");
    EXPECT_EQ(with_accent("b"), "b");
    EXPECT_EQ(characters("Peña").size(), 4u);
    EXPECT_EQ(words("  María  José "), (std::vector<std::string>{"María", "José"}));
}

TEST(Text, TypoAlwaysChangesANameAndKeepsItValidUtf8) {
    Random random(1);
    for (int i = 0; i < 2000; ++i) {
        for (std::string name : {"Ana", "José", "Núñez", "Hernández López", "Yo"}) {
            auto typo = with_typo(random, name);
            EXPECT_NE(typo, name);
            EXPECT_FALSE(typo.empty());
            // Every multi-byte sequence stays whole: the accented letters are never cut.
            for (const auto& c : characters(typo)) {
                if (c.size() > 1) {
                    EXPECT_TRUE(c == "é" || c == "ú" || c == "ñ" || c == "á" || c == "ó") << typo;
                }
            }
        }
    }
}

}  // namespace
}  // namespace retorno::synthetic
