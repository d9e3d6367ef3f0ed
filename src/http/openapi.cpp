#include "core/embedded_file.h"
#include "http/api.h"

namespace retorno {
std::span<const EmbeddedFile> openapi_files();
}

namespace retorno::http {

std::string_view openapi_document() {
    return openapi_files().front().content;
}

}  // namespace retorno::http
