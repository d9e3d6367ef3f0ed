#pragma once

#include <string>
#include <string_view>

namespace retorno::web {

// The gzip form of a body (zlib, level 6), for Content-Encoding: gzip.
std::string gzip(std::string_view body);

// Whether the request's Accept-Encoding admits gzip.
bool accepts_gzip(const std::string* accept_encoding);

}  // namespace retorno::web
