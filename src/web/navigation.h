#pragma once

#include "web/page.h"

namespace retorno::web {

// The navigation of a signed-in page: who is signed in, for which institution, the number of
// tasks in the inbox, and which sections the roles may use.
Result<Data> navigation(WebContext& web, const Page& page);

}  // namespace retorno::web
