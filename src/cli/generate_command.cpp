#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>
#include <boost/json.hpp>

#include "cli/commands.h"
#include "synthetic/generator.h"
#include "synthetic/labelled_persons.h"

namespace retorno::cli {

namespace {

enum class Format { Jsonl, Csv };

struct GenerateOptions {
    std::size_t cases = 0;
    std::uint64_t seed = 1;
    std::string out;
    Format format = Format::Jsonl;
    bool persons = false;
    double duplicate_rate = 0.3;
};

// "people.csv" -> "people.truth.csv"; any other name gets ".truth.csv" appended.
std::filesystem::path truth_path(const std::filesystem::path& out) {
    auto path = out;
    if (path.extension() == ".csv")
        path.replace_extension();
    path += ".truth.csv";
    return path;
}

bool finish(std::ofstream& stream, const std::filesystem::path& path) {
    stream.flush();
    if (!stream) {
        std::cerr << "retorno: cannot write " << path << "\n";
        return false;
    }
    return true;
}

int run_generate(const GenerateOptions& options) {
    std::filesystem::path out_path = options.out;
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    if (!out) {
        std::cerr << "retorno: cannot create " << out_path << "\n";
        return 2;
    }
    if (options.persons || options.format == Format::Csv) {
        auto persons =
            synthetic::make_labelled_persons(options.seed, options.cases, options.duplicate_rate);
        synthetic::write_persons_csv(out, persons);
        if (!finish(out, out_path))
            return 2;
        auto truth_file = truth_path(out_path);
        std::ofstream truth(truth_file, std::ios::binary | std::ios::trunc);
        synthetic::write_truth_csv(truth, persons);
        if (!finish(truth, truth_file))
            return 2;
        std::cout << "wrote " << persons.records.size() << " records of " << persons.cluster_count()
                  << " people to " << out_path.string() << " and " << truth_file.string() << "\n";
        return 0;
    }
    synthetic::Generator generator(options.seed);
    for (std::size_t i = 0; i < options.cases; ++i) {
        out << boost::json::serialize(synthetic::case_to_json(generator.next_case())) << '\n';
    }
    if (!finish(out, out_path))
        return 2;
    std::cout << "wrote " << options.cases << " cases to " << out_path.string() << "\n";
    return 0;
}

}  // namespace

void add_generate_command(CLI::App& app, CliContext& context) {
    auto options = std::make_shared<GenerateOptions>();
    auto* command = app.add_subcommand(
        "generate",
        "Write synthetic cases (JSON lines, each a body for POST /api/v1/cases) or labelled "
        "persons for name matching (CSV and a .truth.csv beside it). The same seed gives the "
        "same bytes.");
    command->add_option("--cases", options->cases, "How many cases or person records")
        ->required()
        ->check(CLI::Range(std::size_t{1}, std::size_t{10'000'000}));
    command->add_option("--seed", options->seed, "Seed of the generator")->capture_default_str();
    command->add_option("--out", options->out, "Output file")->required();
    std::map<std::string, Format> formats{{"jsonl", Format::Jsonl}, {"csv", Format::Csv}};
    command->add_option("--format", options->format, "jsonl (cases) or csv (labelled persons)")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
    command->add_flag("--persons", options->persons,
                      "Write labelled persons for name matching (CSV) instead of cases");
    command
        ->add_option("--duplicate-rate", options->duplicate_rate,
                     "Share of persons written again by another register")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    command->callback([options, &context] { context.exit_code = run_generate(*options); });
}

}  // namespace retorno::cli
