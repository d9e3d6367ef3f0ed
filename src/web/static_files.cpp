#include "web/static_files.h"

#include <fstream>
#include <sstream>

#include <sodium.h>

#include "web/gzip.h"

namespace retorno::web {

namespace {

std::string content_type_of(const std::filesystem::path& path) {
    auto ext = path.extension().string();
    if (ext == ".css")
        return "text/css; charset=utf-8";
    if (ext == ".js")
        return "text/javascript; charset=utf-8";
    if (ext == ".svg")
        return "image/svg+xml";
    if (ext == ".png")
        return "image/png";
    if (ext == ".ico")
        return "image/x-icon";
    if (ext == ".woff2")
        return "font/woff2";
    return "application/octet-stream";
}

std::string short_hash(std::string_view text) {
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), nullptr, 0);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char byte : hash) {
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

}  // namespace

Result<StaticFiles> StaticFiles::load(const std::filesystem::path& dir) {
    StaticFiles files;
    std::error_code ec;
    std::string all_hashes;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file())
            continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        StaticFile file;
        file.content_type = content_type_of(entry.path());
        file.body = text.str();
        auto hash = short_hash(file.body);
        file.etag = "\"" + hash + "\"";
        if (file.content_type.starts_with("text/") || file.content_type == "image/svg+xml") {
            auto compressed = gzip(file.body);
            if (compressed.size() < file.body.size())
                file.gzipped = std::move(compressed);
        }
        all_hashes += entry.path().filename().string() + hash;
        files.m_files.emplace(entry.path().filename().string(), std::move(file));
    }
    if (ec)
        return fail(Error::internal("cannot read the static files in " + dir.string()));
    files.m_version = short_hash(all_hashes).substr(0, 12);
    return files;
}

const StaticFile* StaticFiles::find(const std::string& name) const {
    auto it = m_files.find(name);
    return it == m_files.end() ? nullptr : &it->second;
}

}  // namespace retorno::web
