#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "crypto/field_cipher.h"
#include "store/chain_check.h"

namespace retorno::postgres {

// True when `file` starts like a pg_dump custom-format archive.
bool is_pg_dump_archive(const std::filesystem::path& file);

// Writes a pg_dump custom-format archive of the database at `url` to the new file `to`
// (written aside and renamed, so `to` is either complete or absent). pg_dump reads one
// snapshot, so the archive is consistent while servers keep writing; it is the format every
// PostgreSQL operator already knows how to inspect and restore by hand.
Status pg_dump_backup(const std::string& url, const std::filesystem::path& to);

// Restores the retorno data of such an archive into the database at `url`, which must hold the
// retorno schema (opening the store creates it) and no data. Everything happens in ONE
// transaction that is committed only after the archive's audit chains verified (every event
// hash recomputed, each case's chain head equal to its projection) and the restored counts
// equal the archive's, so a refused or failed restore writes nothing.
// Event hashes cover the plaintext of sealed fields, so `cipher` (the target deployment's key
// file, which must hold the backed-up keys) opens them for the verification.
Result<ChainReport> pg_restore_backup(const std::string& url, const std::filesystem::path& from,
                                      FieldCipher* cipher);

}  // namespace retorno::postgres
