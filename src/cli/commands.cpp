#include "cli/commands.h"

#include <CLI/CLI.hpp>

namespace retorno::cli {

void add_all_commands(CLI::App& app, CliContext& context) {
    add_server_commands(app, context);
    add_generate_command(app, context);
    add_protocol_commands(app, context);
    add_matching_commands(app, context);
    add_store_commands(app, context);
    add_admin_commands(app, context);
    add_audit_commands(app, context);
    add_keys_commands(app, context);
}

}  // namespace retorno::cli
