#include "core/error.h"

namespace retorno {

std::string_view to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return "invalid-input";
        case ErrorCode::UnknownField:
            return "unknown-field";
        case ErrorCode::PayloadTooLarge:
            return "payload-too-large";
        case ErrorCode::HeadersTooLarge:
            return "headers-too-large";
        case ErrorCode::NestingTooDeep:
            return "nesting-too-deep";
        case ErrorCode::StringTooLong:
            return "string-too-long";
        case ErrorCode::MalformedJson:
            return "malformed-json";
        case ErrorCode::UnsupportedMediaType:
            return "unsupported-media-type";
        case ErrorCode::NotFound:
            return "not-found";
        case ErrorCode::MethodNotAllowed:
            return "method-not-allowed";
        case ErrorCode::Conflict:
            return "version-conflict";
        case ErrorCode::PreconditionRequired:
            return "precondition-required";
        case ErrorCode::RuleViolation:
            return "protocol-rule";
        case ErrorCode::Unauthenticated:
            return "unauthenticated";
        case ErrorCode::Forbidden:
            return "forbidden";
        case ErrorCode::RateLimited:
            return "rate-limited";
        case ErrorCode::Timeout:
            return "timeout";
        case ErrorCode::Unavailable:
            return "unavailable";
        case ErrorCode::Internal:
            return "internal";
    }
    return "internal";
}

}  // namespace retorno
