#include "protocol/refusal.h"

namespace retorno::protocol {

Error Refusal::to_error() const {
    Error e;
    e.code = code;
    e.message = message.en;
    e.detail = message.es;
    // A protocol refusal names its rule (the API's `rule`); a data error names the field.
    e.field = (code == ErrorCode::RuleViolation || field.empty()) ? rule : field;
    return e;
}

}  // namespace retorno::protocol
