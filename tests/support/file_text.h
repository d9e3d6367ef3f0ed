#pragma once

// The whole content of a file, for tests that check what a command wrote.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace retorno::testing {

// Empty when the file cannot be read.
inline std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace retorno::testing
