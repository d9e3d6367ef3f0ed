#pragma once

#include <boost/json/object.hpp>

#include "protocol/definition.h"
#include "web/form.h"
#include "web/page.h"

namespace retorno::web {

// The forms of a case's open steps and decisions, generated from the protocol definition: one
// input per field of its type (text, textarea, date, number, a yes/no select, a select of its
// vocabulary or of countries, checkboxes for a list), `required` where the definition says so,
// and the error message of a refused post next to its field.

// The mustache context of one field. `error_field` is the refused field's name, if any.
Data field_view(WebContext& web, const Page& page, const protocol::FieldDef& field,
                const std::string& prefix, const std::string& error_field,
                const std::string& error_message, const Form* sent);

// The event data of a posted form: each field converted to its JSON type; empty inputs are left
// out (the engine then names a missing required field). A value that does not convert (a number
// that is not one) is an InvalidInput on /data/NAME, like the engine's own refusals.
Result<boost::json::object> data_from_form(const std::vector<protocol::FieldDef>& fields,
                                           const Form& form);

}  // namespace retorno::web
