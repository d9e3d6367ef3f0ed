#include "store/key_rotation.h"

#include <thread>

#include <fmt/format.h>

#include "crypto/keyring.h"

namespace retorno {

Result<RotationReport> rotate_data_key(Store& store, const std::filesystem::path& key_file,
                                       const RotationOptions& options) {
    auto say = [&](const std::string& line) {
        if (options.progress)
            options.progress(line);
    };
    auto keyring = TRY(load_keyring_file(key_file)).with_new_key();
    TRY_STATUS(write_keyring_file(key_file, keyring));
    RotationReport report;
    report.new_key = keyring.current().id;
    say(fmt::format("new data key {} is current; the old keys stay in the file for now",
                    report.new_key));
    std::this_thread::sleep_for(options.grace);

    for (;;) {
        if (report.passes == options.max_passes) {
            return fail(Error::make(
                ErrorCode::Unavailable,
                "Fields under the old keys remain after every pass; the old keys stay in the key "
                "file. Run `retorno keys rotate` again when the store is quieter."));
        }
        ++report.passes;
        auto pass = TRY(store.reseal_fields(ResealMode::Reseal, options.batch));
        report.fields += pass.fields;
        report.rows += pass.rows;
        say(fmt::format("pass {}: {} fields re-encrypted in {} rows", report.passes, pass.fields,
                        pass.rows));
        if (pass.fields > 0 || pass.skipped > 0)
            continue;
        // Nothing left under an old key. A write that sealed with an old key just before its
        // process reloaded may still be committing: count again after a grace period.
        std::this_thread::sleep_for(options.grace);
        auto left = TRY(store.reseal_fields(ResealMode::Count, options.batch));
        if (left.fields == 0)
            break;
    }
    if (!options.keep_old_keys && keyring.keys().size() > 1) {
        TRY_STATUS(write_keyring_file(key_file, keyring.current_only()));
        report.old_keys_removed = true;
        say("no field uses the old keys any more; they were removed from the key file");
    }
    return report;
}

}  // namespace retorno
