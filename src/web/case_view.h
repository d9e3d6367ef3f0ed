#pragma once

#include <string>

#include "web/page.h"

namespace retorno::web {

// What a refused form post leaves for the case page to show again: which form (a step's, a
// decision's, the share form), the message, the field it concerns, and what was sent.
struct FormProblem {
    std::string form;  // "step:ID", "decision:ID", "share"
    std::string message;
    std::string field;  // the field's name, when the refusal names one
    const Form* sent = nullptr;
    int status = 400;
};

// The case page: the child as far as the reader's role may see (what it may not see is absent),
// the protocol as a progress strip, the forms of the open steps and decisions (generated from
// the case's pinned definition), the timeline of events, sharing, and who has seen the file.
Result<http::Response> render_case_page(WebContext& web, const Page& page, const Id& case_id,
                                        const FormProblem* problem = nullptr);

// The message of a refused event in the reader's language, and the form field it names.
FormProblem problem_of(WebContext& web, const Page& page, const Error& error,
                       const std::string& form, const Form& sent);

}  // namespace retorno::web
