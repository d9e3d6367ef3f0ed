#include "documents/document_strings.h"

#include <span>

#include "core/embedded_file.h"

namespace retorno {
std::span<const EmbeddedFile> document_locales();  // cmake: retorno_embed
}

namespace retorno::documents {

namespace {

Result<StringBundle> load(std::string_view file) {
    return StringBundle::from_embedded(document_locales(), "locales/documents", file);
}

}  // namespace

Result<const StringBundle*> document_strings(protocol::Language language) {
    static const Result<StringBundle> spanish = load("es.json");
    static const Result<StringBundle> english = load("en.json");
    const auto& bundle = language == protocol::Language::Es ? spanish : english;
    if (!bundle)
        return fail(bundle.error());
    return &*bundle;
}

}  // namespace retorno::documents
