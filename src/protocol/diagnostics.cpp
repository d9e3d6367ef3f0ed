#include "protocol/diagnostics.h"

#include <fmt/format.h>

namespace retorno::protocol {

std::string Diagnostic::to_string() const {
    return fmt::format("{}:{}:{}: {}", mark.file, mark.line, mark.column, message);
}

}  // namespace retorno::protocol
