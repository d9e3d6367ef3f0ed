#pragma once

#include <string>
#include <vector>

namespace retorno::documents {

// A printable document as data: what it says, not how it is drawn. The builders
// (handover_record.cpp, case_summary.cpp, escort_authorisation.cpp) make one from what the
// reader may see of a case; pdf_renderer.cpp draws it. Tests read it without parsing a PDF.

// One line of a form: a label and its value. An empty value is drawn as a line to fill in by
// hand, so that a document printed before a step is recorded can still be completed on paper.
struct Row {
    std::string label;
    std::string value;
};

struct Section {
    std::string heading;
    std::vector<std::string> paragraphs;  // drawn before the rows
    std::vector<Row> rows;
};

// A place to sign: who signs (their role in the act), their name and institution when known.
struct Signature {
    std::string role;
    std::string name;
    std::string institution;
};

struct Document {
    std::string title;
    std::vector<std::string> subtitle_lines;  // the case, the protocol, who issued it and when
    std::vector<Section> sections;
    std::string signatures_heading;
    std::vector<Signature> signatures;
    // Printed under every signature line: "Nombre", "Firma y sello".
    std::string name_label;
    std::string sign_label;
    // On every page, with the page number: what the document is and which case.
    std::string footer;
    std::string page_label;  // "Página" / "Page"
    // When set, every page has a place for the signatories' initials under its footer, as a
    // record signed on its last page is initialled on every other ("rubricar cada hoja").
    std::string initials_label;
    std::string language;  // "es" or "en", the document's /Lang
};

}  // namespace retorno::documents
