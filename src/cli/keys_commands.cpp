// `retorno keys rotate` and `retorno keys status`: the data key of field encryption.

#include <iostream>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "crypto/keyring.h"
#include "service/deployment.h"
#include "store/key_rotation.h"

namespace retorno::cli {

namespace {

struct KeysOptions {
    std::string data = "data";
    bool keep_old_keys = false;
};

int report(const Error& error) {
    std::cerr << "retorno: " << error.message << "\n";
    if (!error.detail.empty())
        std::cerr << "  (" << error.detail << ")\n";
    return 2;
}

int keys_rotate(const KeysOptions& options) {
    auto deployment = open_deployment(options.data, MustExist::Yes);
    if (!deployment)
        return report(deployment.error());
    RotationOptions rotation;
    rotation.keep_old_keys = options.keep_old_keys;
    rotation.progress = [](const std::string& line) { std::cout << "retorno: " << line << "\n"; };
    auto done = rotate_data_key(*(*deployment)->store, data_key_file(options.data), rotation);
    if (!done)
        return report(done.error());
    std::cout << fmt::format(
        "retorno: every sensitive field is under key {} ({} fields re-encrypted). Back up the "
        "key file now, apart from the data backups.\n",
        done->new_key, done->fields);
    return 0;
}

int keys_status(const KeysOptions& options) {
    auto deployment = open_deployment(options.data, MustExist::Yes);
    if (!deployment)
        return report(deployment.error());
    auto keyring = load_keyring_file(data_key_file(options.data));
    if (!keyring)
        return report(keyring.error());
    auto left = (*deployment)->store->reseal_fields(ResealMode::Count, 500);
    if (!left)
        return report(left.error());
    std::cout << fmt::format("current data key: {} ({} keys in the file)\n", keyring->current().id,
                             keyring->keys().size());
    std::cout << fmt::format("sensitive fields not under the current key: {}\n", left->fields);
    return 0;
}

}  // namespace

void add_keys_commands(CLI::App& app, CliContext& context) {
    auto* keys = app.add_subcommand("keys", "The data key that encrypts sensitive fields");
    keys->require_subcommand(1);

    auto rotate_options = std::make_shared<KeysOptions>();
    auto* rotate = keys->add_subcommand(
        "rotate", "Re-encrypt every sensitive field under a new key, while servers keep serving");
    rotate->add_option("--data", rotate_options->data, "The data folder")->capture_default_str();
    rotate->add_flag("--keep-old-keys", rotate_options->keep_old_keys,
                     "Leave the old keys in the key file");
    rotate->callback(
        [rotate_options, &context] { context.exit_code = keys_rotate(*rotate_options); });

    auto status_options = std::make_shared<KeysOptions>();
    auto* status = keys->add_subcommand(
        "status", "Show the current key and how many fields are not under it yet");
    status->add_option("--data", status_options->data, "The data folder")->capture_default_str();
    status->callback(
        [status_options, &context] { context.exit_code = keys_status(*status_options); });
}

}  // namespace retorno::cli
