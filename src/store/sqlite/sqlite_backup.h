#pragma once

#include <filesystem>

#include "core/error.h"

namespace retorno {

// Copies the SQLite database `from` into the new file `to` with SQLite's online backup API: the
// copy is one consistent snapshot even while a `retorno serve` process keeps writing (in WAL
// mode readers never block the writer, and the backup restarts by itself if the source changes
// under it). `to` must not exist; on failure it is removed, so no partial file remains.
Status sqlite_backup(const std::filesystem::path& from, const std::filesystem::path& to);

// Turns a SQLite file that is not in use into one standalone file: its write-ahead log is
// checkpointed into it and the journal mode set back to DELETE, so that the file alone holds
// everything (before it is renamed into place, or handed over as a backup).
Status sqlite_make_standalone(const std::filesystem::path& file);

}  // namespace retorno
