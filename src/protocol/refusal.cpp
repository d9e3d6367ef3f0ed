#include "protocol/refusal.h"

namespace retorno::protocol {

Error Refusal::to_error() const {
    Error e;
    e.code = code;
    e.message = message.en;
    e.detail = message.es;
    e.field = field.empty() ? rule : field;
    return e;
}

}  // namespace retorno::protocol
