#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace retorno {

// Where a file is written before it is complete: beside its final path, named after it and
// this process ("pairs.csv.partial-4242"), so that a rename puts it in place at once and a
// run that stops half-way never leaves half a file under the final name.
inline std::filesystem::path partial_path(const std::filesystem::path& file) {
    return file.string() + ".partial-" + std::to_string(::getpid());
}

}  // namespace retorno
