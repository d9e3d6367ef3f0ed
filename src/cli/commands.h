#pragma once

#include "cli/cli_context.h"

namespace retorno::cli {

// Registers every subcommand family below.
void add_all_commands(CLI::App& app, CliContext& context);

// One function per family, each in its own file of this folder.
void add_server_commands(CLI::App& app, CliContext& context);   // init, serve (server_commands.cpp)
void add_generate_command(CLI::App& app, CliContext& context);  // generate (generate_command.cpp)
void add_protocol_commands(CLI::App& app, CliContext& context);  // protocol check|show|diagram
void add_matching_commands(CLI::App& app, CliContext& context);  // dedup, match, match-eval
void add_store_commands(CLI::App& app, CliContext& context);     // backup, restore, migrate-store
void add_admin_commands(CLI::App& app, CliContext& context);     // institution ..., user ...
void add_audit_commands(CLI::App& app, CliContext& context);     // audit verify|show
void add_keys_commands(CLI::App& app, CliContext& context);      // keys rotate|status

}  // namespace retorno::cli
