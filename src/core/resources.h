#pragma once

#include <filesystem>

namespace retorno {

// The folder that holds retorno's data files: protocols/, calendars/, names/, locales/,
// web/. Taken from the RETORNO_RESOURCES environment variable when set; otherwise the source
// tree that the binary was built from (build/<kind>/retorno lives two levels below it); otherwise
// /usr/share/retorno.
std::filesystem::path resource_root();

}  // namespace retorno
