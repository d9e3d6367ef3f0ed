#pragma once

namespace CLI {
class App;
}

namespace retorno::cli {

// What every subcommand shares. A subcommand family is a function
//     void add_<family>_commands(CLI::App& app, CliContext& context);
// that declares its options and a callback; the callback stores its exit status in
// `exit_code` (0 success, 1 the input was refused, 2 usage or environment error).
struct CliContext {
    int exit_code = 0;
};

}  // namespace retorno::cli
