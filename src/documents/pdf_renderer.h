#pragma once

#include <string>

#include "core/error.h"
#include "documents/document.h"
#include "documents/font_files.h"

namespace retorno::documents {

// Draws a document as a PDF on US Letter paper (the size used in Mexico and Central America),
// with the DejaVu fonts embedded (subset) so that accents and ñ print on any printer, and
// answers the PDF's bytes. libharu's errors become Internal errors.
Result<std::string> render_pdf(const Document& document, const FontFiles& fonts);

}  // namespace retorno::documents
