#include "http/api.h"

namespace retorno::http {

void add_api_routes(Router& router, ApiContext& context) {
    add_meta_routes(router, context);
    add_case_routes(router, context);
}

}  // namespace retorno::http
