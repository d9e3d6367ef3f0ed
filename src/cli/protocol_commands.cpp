#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace retorno::cli {

// FIXME: not yet written; this family registers no subcommand so far.
void add_protocol_commands(CLI::App& app, CliContext& context) {
    (void)app;
    (void)context;
}

}  // namespace retorno::cli
