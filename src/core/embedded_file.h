#pragma once

#include <span>
#include <string_view>

namespace retorno {

// A file compiled into the binary (see cmake/Embed.cmake).
struct EmbeddedFile {
    std::string_view name;
    std::string_view content;
};

}  // namespace retorno
