#pragma once

#include <string>
#include <vector>

#include "protocol/definition.h"

namespace retorno::protocol {

// One problem in a definition file, printed as `FILE:LINE:COLUMN: message` so that editors and
// CI logs can jump to it.
struct Diagnostic {
    SourceMark mark;
    std::string message;

    std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

}  // namespace retorno::protocol
