#include "support/throwaway_dir.h"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace retorno::testing {

ThrowawayDir::ThrowawayDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "retorno-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
        throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

ThrowawayDir::~ThrowawayDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

}  // namespace retorno::testing
