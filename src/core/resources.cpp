#include "core/resources.h"

#include <cstdlib>
#include <system_error>

namespace retorno {

std::filesystem::path resource_root() {
    if (const char* env = std::getenv("RETORNO_RESOURCES"); env != nullptr && *env != '\0') {
        return env;
    }
    std::error_code error;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        for (auto dir = exe.parent_path(); dir.has_relative_path(); dir = dir.parent_path()) {
            if (std::filesystem::exists(dir / "protocols" / "regional.yaml", error) ||
                std::filesystem::exists(dir / "migrations", error)) {
                return dir;
            }
        }
    }
    return "/usr/share/retorno";
}

}  // namespace retorno
