#include "store/case_document.h"

#include <array>
#include <cstddef>

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "store/sealed_fields.h"

namespace retorno {

namespace json = boost::json;

Result<Case> case_from_document(std::string_view text, FieldCipher* cipher) {
    // A case document is about 1 KB; its parsed tree fits in this arena, and a larger one
    // spills over to the heap. Everything the Case keeps is copied out before the arena goes.
    alignas(std::max_align_t) std::array<unsigned char, 8192> arena;
    json::monotonic_resource resource(arena.data(), arena.size());
    boost::system::error_code ec;
    auto document = json::parse(text, ec, &resource);
    if (ec || !document.is_object())
        return fail(Error::internal("unreadable case document"));
    TRY_STATUS(open_case_document(document.get_object(), cipher));
    return case_from_json(document.get_object());
}

}  // namespace retorno
