#pragma once

#include <string>
#include <string_view>

#include "documents/case_file.h"
#include "documents/document.h"
#include "documents/document_format.h"

namespace retorno::documents {

// Who prints a document, and when: printed under its title.
struct IssueInfo {
    Timestamp issued_at{};
    std::string institution_name;
};

// What every document shares: the labels of the signature blocks and pages, the subtitle
// lines (case, protocol, issue) and the footer of the given key.
Document document_frame(const CaseFile& file, const Formatter& format, const IssueInfo& issue,
                        std::string_view title_key, std::string_view footer_key);

// The child as far as the reader may see: a row for each visible field, none for the others.
Section child_section(const CaseFile& file, const Formatter& format);

// A step field as text, or empty when it was not recorded or the reader may not see it.
std::string step_value(const CaseFile& file, const Formatter& format, std::string_view step,
                       std::string_view field);

// The title of a decision outcome ("Retorno a la familia"), from the case's definition.
std::string outcome_title(const CaseFile& file, const Formatter& format, std::string_view step,
                          std::string_view outcome);

}  // namespace retorno::documents
