#include "web/gzip.h"
#include "web/pages.h"

namespace retorno::web {

void add_static_routes(http::Router& router, WebContext& web) {
    router.add(
        "GET", "/static/{name}",
        [&web](const http::Request& request,
               const http::PathParams& params) -> Result<http::Response> {
            const auto* file = web.statics.find(params.at("name"));
            if (file == nullptr)
                return fail(Error::make(ErrorCode::NotFound, "Nothing is at this address."));
            http::Response response{200, file->content_type, {}, {}};
            response.headers.emplace_back("ETag", file->etag);
            // Linked with ?v=VERSION, which changes with any file: safe to keep for a year.
            response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
            response.headers.emplace_back("Vary", "Accept-Encoding");
            const auto* match = request.header("if-none-match");
            if (match != nullptr && *match == file->etag) {
                response.status = 304;
                return response;
            }
            if (!file->gzipped.empty() && accepts_gzip(request.header("accept-encoding"))) {
                response.body = file->gzipped;
                response.headers.emplace_back("Content-Encoding", "gzip");
            } else {
                response.body = file->body;
            }
            return response;
        },
        http::Access::Public);
}

}  // namespace retorno::web
