#include "documents/font_files.h"

#include <cstdlib>
#include <vector>

#include "core/resources.h"

namespace retorno::documents {

Result<FontFiles> find_fonts() {
    std::vector<std::filesystem::path> folders;
    if (const char* named = std::getenv("RETORNO_FONTS"); named != nullptr && *named != '\0')
        folders.emplace_back(named);
    folders.push_back(resource_root() / "fonts");
    folders.emplace_back("/usr/share/fonts/truetype/dejavu");
    std::string searched;
    for (const auto& folder : folders) {
        FontFiles fonts{folder / "DejaVuSans.ttf"};
        std::error_code ec;
        if (std::filesystem::is_regular_file(fonts.regular, ec))
            return fonts;
        searched += (searched.empty() ? "" : ", ") + folder.string();
    }
    return fail(Error::make(ErrorCode::Unavailable,
                            "Documents cannot be printed now: the server lacks its fonts.",
                            "DejaVuSans.ttf not found in " + searched +
                                " (install fonts-dejavu-core or set RETORNO_FONTS)"));
}

}  // namespace retorno::documents
