#pragma once

#include <string>

#include "web/page.h"

namespace retorno::web {

// The pieces the administration pages share: their form fields (rendered by the _field
// partial) and the directory's refusals in the reader's language.

// A field of an administration form; `value` is what was sent (kept after a refusal).
Data admin_input(const std::string& name, const std::string& label, const std::string& type,
                 const std::string& value, bool required);
Data admin_select(const std::string& name, const std::string& label, List options, bool required);

// Puts the message of a refusal of access::Directory next to its field among `fields` (or, for
// a refusal that names none, answers it for above the form). Fails again with any error that is
// not bad input: those are the error page's.
Result<std::string> place_refusal(WebContext& web, const Page& page, const Error& error,
                                  List& fields);

// "?done=user_added" after a change: its notice, when the value is one of the known ones.
std::string done_notice(WebContext& web, const Page& page);

}  // namespace retorno::web
