#pragma once

#include <filesystem>

#include "core/error.h"

namespace retorno::documents {

// The TrueType font embedded in every PDF (DejaVu Sans, which has every accent of Spanish and
// of the region's indigenous languages written in Latin letters). It is found at run time, in
// this order: the folder named by RETORNO_FONTS, resource_root()/fonts, and Debian's
// fonts-dejavu-core folder.
struct FontFiles {
    std::filesystem::path regular;
};

// The fonts, or Unavailable (503) naming the folders searched in its detail.
Result<FontFiles> find_fonts();

}  // namespace retorno::documents
