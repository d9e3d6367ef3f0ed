#pragma once

#include <string>

#include "core/time.h"
#include "synthetic/labelled_persons.h"
#include "synthetic/name_tables.h"
#include "synthetic/random.h"

// Internal to the synthetic module: writing a person again as another register would.
namespace retorno::synthetic {

// A copy of `original` as `source` writes it on `written_on`, with at least one distortion that
// really changes the record; `distortions` lists exactly those that changed something.
LabelledPerson make_variant(Random& random, const NameTables& tables,
                            const LabelledPerson& original, Register source, Date written_on);

// One typing error in `text` (substitution by a neighbouring key, deletion, doubling or
// transposition); the result differs from `text` when it has two letters or more.
std::string with_typo(Random& random, const std::string& text);

}  // namespace retorno::synthetic
