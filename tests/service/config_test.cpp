#include "service/config.h"

#include <string>

#include <gtest/gtest.h>

namespace retorno {
namespace {

TEST(Config, TheWrittenDefaultFileReadsBackAsTheDefaults) {
    Config defaults;
    auto read = parse_config(default_config_text(defaults), "retorno.conf");
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->listen, defaults.listen);
    EXPECT_EQ(read->database, defaults.database);
    EXPECT_EQ(read->threads, defaults.threads);
    EXPECT_EQ(read->address_requests_per_second, 50);
    EXPECT_EQ(read->session_requests_per_second, 20);
}

TEST(Config, SettingsOverrideTheDefaults) {
    auto read = parse_config(
        "# a comment\n"
        "listen = \"0.0.0.0:9000\"\n"
        "\n"
        "  threads = 4  \n"
        "address_requests_per_second = 100000\n"
        "session_requests_per_second = 7\r\n",
        "retorno.conf");
    ASSERT_TRUE(read) << read.error().message;
    EXPECT_EQ(read->listen, "0.0.0.0:9000");
    EXPECT_EQ(read->threads, 4);
    EXPECT_EQ(read->address_requests_per_second, 100000);
    EXPECT_EQ(read->session_requests_per_second, 7);
}

struct Refusal {
    const char* text;
    const char* message;
};

// Each malformed file is refused with its line and what is wrong; nothing is silently ignored.
const Refusal kRefusals[] = {
    {"threads = 2\nlisten 127.0.0.1\n", "retorno.conf:2: expected `key = value`."},
    {"colour = \"blue\"\n", "retorno.conf:1: unknown setting 'colour'."},
    {"threads = two\n", "retorno.conf:1: a value must be a \"quoted string\" or a whole number."},
    {"threads = \"2\"\n", "retorno.conf:1: 'threads' takes a whole number from 0 to 256."},
    {"listen = 8080\n", "retorno.conf:1: 'listen' takes a quoted string."},
    {"session_requests_per_second = 0\n",
     "retorno.conf:1: 'session_requests_per_second' takes a whole number from 1 to 1000000."},
    {"\n\naddress_requests_per_second = 1000001\n",
     "retorno.conf:3: 'address_requests_per_second' takes a whole number from 1 to 1000000."},
};

TEST(Config, MalformedSettingsAreRefusedWithTheirLine) {
    for (const auto& refusal : kRefusals) {
        auto read = parse_config(refusal.text, "retorno.conf");
        ASSERT_FALSE(read) << refusal.text;
        EXPECT_EQ(read.error().message, refusal.message) << refusal.text;
    }
}

}  // namespace
}  // namespace retorno
