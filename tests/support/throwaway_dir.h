#pragma once

#include <filesystem>

namespace retorno::testing {

// A fresh folder under the system's temporary directory, removed with everything in it when
// the object goes out of scope.
class ThrowawayDir {
  public:
    ThrowawayDir();
    ~ThrowawayDir();
    ThrowawayDir(const ThrowawayDir&) = delete;
    ThrowawayDir& operator=(const ThrowawayDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

}  // namespace retorno::testing
