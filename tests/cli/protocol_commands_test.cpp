#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "support/api/child_process.h"
#include "support/file_text.h"
#include "support/throwaway_dir.h"

namespace retorno {
namespace {

using testing::read_file;
using testing::run_program;

const std::string kRoot = RETORNO_SOURCE_ROOT;

TEST(ProtocolCommands, TheShippedDefinitionsPassTheCheck) {
    EXPECT_EQ(run_program({RETORNO_BINARY, "protocol", "check", kRoot + "/protocols/regional.yaml",
                           kRoot + "/protocols/gt.yaml", kRoot + "/protocols/sv.yaml"}),
              0);
}

TEST(ProtocolCommands, AMalformedDefinitionFailsTheCheckWithItsPosition) {
    testing::ThrowawayDir dir;
    auto out = dir.path() / "out.txt";
    auto command = std::string(RETORNO_BINARY) + " protocol check " + kRoot +
                   "/tests/data/protocol/invalid/02_unknown_key.yaml > " + out.string() + " 2>&1";
    EXPECT_EQ(run_program({"/bin/sh", "-c", command}), 1);
    auto text = read_file(out);
    EXPECT_NE(text.find("02_unknown_key.yaml:11:5: unknown key 'sidee'"), std::string::npos)
        << text;
}

TEST(ProtocolCommands, TheDiagramRendersAsSvg) {
    testing::ThrowawayDir dir;
    auto svg = dir.path() / "regional.svg";
    ASSERT_EQ(
        run_program({RETORNO_BINARY, "protocol", "diagram", kRoot + "/protocols/regional.yaml",
                     "--format", "svg", "--out", svg.string()}),
        0);
    auto text = read_file(svg);
    EXPECT_NE(text.find("<svg"), std::string::npos);
    EXPECT_NE(text.find("consular_notification"), std::string::npos);
}

}  // namespace
}  // namespace retorno
