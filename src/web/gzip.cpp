#include "web/gzip.h"

#include <stdexcept>

#include <zlib.h>

namespace retorno::web {

std::string gzip(std::string_view body) {
    z_stream stream{};
    // 15 + 16: a gzip header and trailer rather than a raw zlib stream.
    if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("deflateInit2 failed");
    std::string out;
    out.resize(deflateBound(&stream, static_cast<uLong>(body.size())) + 32);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&stream, Z_FINISH);
    deflateEnd(&stream);
    if (rc != Z_STREAM_END)
        throw std::runtime_error("deflate failed");
    out.resize(stream.total_out);
    return out;
}

bool accepts_gzip(const std::string* accept_encoding) {
    if (accept_encoding == nullptr)
        return false;
    auto at = accept_encoding->find("gzip");
    if (at == std::string::npos)
        return false;
    // "gzip;q=0" refuses it.
    auto rest = accept_encoding->substr(at + 4, 6);
    return rest.rfind(";q=0", 0) != 0 || rest.rfind(";q=0.", 0) == 0;
}

}  // namespace retorno::web
