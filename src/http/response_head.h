#pragma once

#include <string>

#include "http/http_types.h"

namespace retorno::http {

// How a response travels: the HSTS header is only sent over TLS.
enum class Transport { Plain, Tls };

// The status line and header block of a response, ending with the empty line, ready to be
// written before the body in one gather write. (Beast's response and serializer took about a
// third of the server's CPU on a small answer; docs/performance.md, session 16.)
//
// It carries the headers every answer has (server, content type, no-store, nosniff, and the
// API's deny-everything framing and content policy; HSTS over TLS), each replaced by a header
// of the same name (in any case) that the handler set; a name the handler gives more than once
// (Set-Cookie) is sent as many times. Content-Length is the body's size, except on 1xx, 204
// and 304 answers, which have no body; Connection says `close` (HTTP/1.1) or `keep-alive`
// (HTTP/1.0) when that is not what the version implies. The server alone frames the message:
// a handler's Content-Length, Connection or Transfer-Encoding is ignored. CR, LF and NUL in a
// handler's header are dropped, so that no value can end the header block early.
std::string response_head(const Response& response, unsigned version, bool keep_alive,
                          Transport transport);

// Whether an answer of this status carries a body (RFC 9110 §6.4.1): not 1xx, 204 or 304.
bool status_has_body(int status);

}  // namespace retorno::http
