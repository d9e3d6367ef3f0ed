#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "protocol/loader.h"
#include "protocol/outline.h"

extern char** environ;

namespace retorno::cli {

namespace {

namespace proto = retorno::protocol;

// Loads one definition, printing every problem as FILE:LINE:COLUMN: message.
std::optional<proto::Definition> load_or_report(const std::string& file) {
    auto loaded = proto::load_definition(file, proto::base_lookup_near(file));
    for (const auto& p : loaded.problems)
        std::cout << p.to_string() << '\n';
    return loaded.definition;
}

proto::Language language_of(const std::string& lang) {
    return lang == "en" ? proto::Language::En : proto::Language::Es;
}

// Runs Graphviz's `dot` on a file without a shell, so no path is ever interpreted.
bool run_dot(const std::filesystem::path& in, const std::filesystem::path& out) {
    std::string a0 = "dot", a1 = "-Tsvg", a2 = in.string(), a3 = "-o", a4 = out.string();
    char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), nullptr};
    pid_t pid = 0;
    if (posix_spawnp(&pid, "dot", nullptr, nullptr, argv, environ) != 0)
        return false;
    int status = 0;
    if (waitpid(pid, &status, 0) < 0)
        return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int diagram(const std::string& file, const std::string& format, const std::string& out,
            const std::string& lang) {
    auto definition = load_or_report(file);
    if (!definition)
        return 1;
    auto dot = proto::to_dot(*definition, language_of(lang));
    if (format == "dot") {
        if (out.empty()) {
            std::cout << dot;
        } else {
            std::ofstream(out) << dot;
        }
        return 0;
    }
    auto tmp =
        std::filesystem::temp_directory_path() / ("retorno-diagram-" + std::to_string(::getpid()));
    std::filesystem::create_directories(tmp);
    std::ofstream(tmp / "in.dot") << dot;
    auto target = out.empty() ? tmp / "out.svg" : std::filesystem::path(out);
    bool ok = run_dot(tmp / "in.dot", target);
    if (ok && out.empty()) {
        std::ifstream svg(target);
        std::cout << svg.rdbuf();
    }
    std::error_code ignored;
    std::filesystem::remove_all(tmp, ignored);
    if (!ok) {
        std::cerr << "retorno: Graphviz 'dot' failed or is not installed\n";
        return 2;
    }
    return 0;
}

}  // namespace

void add_protocol_commands(CLI::App& app, CliContext& context) {
    auto* protocol = app.add_subcommand("protocol", "Check, show and draw protocol definitions");
    protocol->require_subcommand(1);

    auto* check = protocol->add_subcommand(
        "check", "Validate definition files; print every problem as FILE:LINE:COLUMN: message");
    auto files = std::make_shared<std::vector<std::string>>();
    check->add_option("FILE", *files, "Definition files (YAML)")
        ->required()
        ->check(CLI::ExistingFile);
    check->callback([files, &context] {
        int code = 0;
        for (const auto& f : *files) {
            if (!load_or_report(f))
                code = 1;
        }
        context.exit_code = code;
    });

    auto* show = protocol->add_subcommand("show", "Print a readable outline of a definition");
    auto show_file = std::make_shared<std::string>();
    auto show_lang = std::make_shared<std::string>("es");
    show->add_option("FILE", *show_file, "Definition file")->required()->check(CLI::ExistingFile);
    show->add_option("--lang", *show_lang, "Language of the outline")
        ->check(CLI::IsMember({"es", "en"}));
    show->callback([show_file, show_lang, &context] {
        auto definition = load_or_report(*show_file);
        if (!definition) {
            context.exit_code = 1;
            return;
        }
        std::cout << proto::outline(*definition, language_of(*show_lang));
        context.exit_code = 0;
    });

    auto* draw = protocol->add_subcommand("diagram", "Draw a definition as a flowchart (Graphviz)");
    auto draw_file = std::make_shared<std::string>();
    auto format = std::make_shared<std::string>("svg");
    auto out = std::make_shared<std::string>();
    auto draw_lang = std::make_shared<std::string>("es");
    draw->add_option("FILE", *draw_file, "Definition file")->required()->check(CLI::ExistingFile);
    draw->add_option("--format", *format, "svg or dot")->check(CLI::IsMember({"svg", "dot"}));
    draw->add_option("--out", *out, "Output file (default: standard output)");
    draw->add_option("--lang", *draw_lang, "Language of the labels")
        ->check(CLI::IsMember({"es", "en"}));
    draw->callback(
        [=, &context] { context.exit_code = diagram(*draw_file, *format, *out, *draw_lang); });
}

}  // namespace retorno::cli
