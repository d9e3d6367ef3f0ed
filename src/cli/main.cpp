#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
    CLI::App app{"retorno: coordinates the safe return of child victims of trafficking", "retorno"};
    app.set_version_flag("--version", std::string("retorno ") + RETORNO_VERSION);
    app.require_subcommand(1);
    retorno::cli::CliContext context;
    retorno::cli::add_all_commands(app, context);
    CLI11_PARSE(app, argc, argv);
    return context.exit_code;
}
