#include "crypto/keyring.h"

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "crypto/secret_file.h"

namespace retorno {

namespace {

DataKey random_key(const std::vector<DataKey>& taken) {
    DataKey key;
    for (;;) {
        unsigned char id[4];
        randombytes_buf(id, sizeof id);
        char hex[sizeof id * 2 + 1];
        sodium_bin2hex(hex, sizeof hex, id, sizeof id);
        key.id = hex;
        bool clash = false;
        for (const auto& k : taken)
            clash = clash || k.id == key.id;
        if (!clash)
            break;
    }
    crypto_aead_xchacha20poly1305_ietf_keygen(key.bytes.data());
    return key;
}

bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 32)
        return false;
    for (char c : id) {
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
        if (!ok)
            return false;
    }
    return true;
}

Error unreadable(const std::string& detail) {
    return Error::make(ErrorCode::Unavailable,
                       "The data key file cannot be read; it must hold lines of \"KEYID HEX\".",
                       detail);
}

}  // namespace

Keyring Keyring::generate() {
    if (sodium_init() < 0)
        std::abort();
    Keyring ring;
    ring.m_keys.push_back(random_key({}));
    return ring;
}

Result<Keyring> Keyring::parse(std::string_view text) {
    Keyring ring;
    std::istringstream in{std::string(text)};
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#')
            continue;
        std::istringstream fields(line);
        std::string id;
        std::string hex;
        std::string extra;
        if (!(fields >> id >> hex) || (fields >> extra) || !valid_id(id))
            return fail(unreadable("a line is not KEYID HEX"));
        DataKey key;
        key.id = id;
        std::size_t length = 0;
        if (sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr,
                           &length, nullptr) != 0 ||
            length != key.bytes.size() || hex.size() != key.bytes.size() * 2) {
            return fail(unreadable("a key is not 64 hex digits"));
        }
        if (ring.find(id) != nullptr)
            return fail(unreadable("a key id appears twice"));
        ring.m_keys.push_back(key);
        sodium_memzero(hex.data(), hex.size());
    }
    sodium_memzero(line.data(), line.size());
    if (ring.m_keys.empty())
        return fail(unreadable("no key"));
    return ring;
}

std::string Keyring::to_text() const {
    std::string out =
        "# retorno data keys (field encryption). One \"KEYID HEX\" a line; the last is current.\n"
        "# Keep this file apart from the database and its backups; see docs/operations.md.\n";
    for (const auto& key : m_keys) {
        char hex[64 + 1];
        sodium_bin2hex(hex, sizeof hex, key.bytes.data(), key.bytes.size());
        out += key.id + " " + hex + "\n";
        sodium_memzero(hex, sizeof hex);
    }
    return out;
}

const DataKey* Keyring::find(std::string_view id) const {
    for (const auto& key : m_keys) {
        if (key.id == id)
            return &key;
    }
    return nullptr;
}

Keyring Keyring::with_new_key() const {
    Keyring ring = *this;
    ring.m_keys.push_back(random_key(m_keys));
    return ring;
}

Keyring Keyring::current_only() const {
    Keyring ring;
    ring.m_keys.push_back(current());
    return ring;
}

std::filesystem::path data_key_file(const std::filesystem::path& data_dir) {
    return data_dir / "keys" / kDataKeyFile;
}

Status create_keyring_file(const std::filesystem::path& file) {
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    std::error_code ec;
    if (std::filesystem::exists(file, ec))
        return {};
    std::string text = Keyring::generate().to_text();
    auto written = write_secret_file(file, text, "The data key file");
    sodium_memzero(text.data(), text.size());
    return written;
}

Status write_keyring_file(const std::filesystem::path& file, const Keyring& keyring) {
    auto aside = file;
    aside += ".new";
    std::error_code ec;
    std::filesystem::remove(aside, ec);
    std::string text = keyring.to_text();
    auto written = write_secret_file(aside, text, "The data key file");
    sodium_memzero(text.data(), text.size());
    TRY_STATUS(written);
    std::filesystem::rename(aside, file, ec);
    if (ec) {
        return fail(Error::make(ErrorCode::Unavailable, "The data key file could not be replaced.",
                                ec.message()));
    }
    // The rename is durable once the folder is synced.
    int dir = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

Result<Keyring> load_keyring_file(const std::filesystem::path& file) {
    if (sodium_init() < 0)
        return fail(Error::internal("libsodium failed to initialise"));
    std::ifstream in(file);
    if (!in) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "The data key file is missing; it is DATA/keys/data-keys, created "
                                "by `retorno init` and kept apart from backups.",
                                file.string()));
    }
    std::stringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    auto ring = Keyring::parse(content);
    sodium_memzero(content.data(), content.size());
    if (!ring) {
        auto error = ring.error();
        error.detail += " (" + file.string() + ")";
        return fail(std::move(error));
    }
    return ring;
}

}  // namespace retorno
