#pragma once

#include <filesystem>
#include <string_view>

#include "core/error.h"

namespace retorno {

// Writes a secret (a data key file, the audit signing key) into a new file that only its owner
// may read or write (0600, also under a permissive umask), in a folder that is the owner's alone
// (created if missing, 0700), synced to disk before it answers. It
// never overwrites: a file already there is refused (O_EXCL), so two `retorno init` at once
// cannot replace each other's key. `what` names the secret in the error ("The data key file").
Status write_secret_file(const std::filesystem::path& file, std::string_view text,
                         std::string_view what);

}  // namespace retorno
