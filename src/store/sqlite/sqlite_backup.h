#pragma once

#include <filesystem>

#include "core/error.h"

namespace retorno {

// Copies the SQLite database `from` into the new file `to` with SQLite's online backup API: the
// copy is one consistent snapshot even while a `retorno serve` process keeps writing (in WAL
// mode readers never block the writer, and the backup restarts by itself if the source changes
// under it). `to` must not exist; on failure it is removed, so no partial file remains.
Status sqlite_backup(const std::filesystem::path& from, const std::filesystem::path& to);

// Runs SQLite's full integrity check on a file that is not in use (every page, every record,
// every index against its table). A damaged file is InvalidInput naming the file and SQLite's
// first findings: a backup or a restore refuses it instead of handing on pages that no one can
// read later. Slow on large files (it reads all of them), so it runs only where a whole file is
// handed over.
Status sqlite_check_integrity(const std::filesystem::path& file);

// Turns a SQLite file that is not in use into one standalone file: its write-ahead log is
// checkpointed into it and the journal mode set back to DELETE, so that the file alone holds
// everything (before it is renamed into place, or handed over as a backup).
Status sqlite_make_standalone(const std::filesystem::path& file);

}  // namespace retorno
