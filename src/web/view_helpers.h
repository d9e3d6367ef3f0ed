#pragma once

#include <string>

#include "web/inbox.h"
#include "web/page.h"

namespace retorno::web {

// Small pieces that several pages render the same way.

// {value, label, selected} for a <select>'s options.
Data option(const std::string& value, const std::string& label, bool selected);
// A country's name in the reader's language ("country.GT"), or its code.
std::string country_name(WebContext& web, const Page& page, const std::string& code);
// A step's title from the regional definition, in the reader's language, or its id.
std::string step_title(WebContext& web, const Page& page, const std::string& step);
// The child's name as far as the visibility allows, else the case's short reference.
std::string child_label(WebContext& web, const Page& page, const access::Seen<Case>& seen);
// `text` percent-encoded for a query string value (RFC 3986 unreserved characters kept).
std::string url_component(std::string_view text);
// One row of the inbox (and of a case's tasks): case, step, what it needs, due date, lateness.
Data task_row(WebContext& web, const Page& page, const InboxRow& row, Date today);

}  // namespace retorno::web
