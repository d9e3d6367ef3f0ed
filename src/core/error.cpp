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

namespace {

constexpr InvalidReason kReasons[] = {
    InvalidReason::Required,     InvalidReason::TooLong,         InvalidReason::NotAString,
    InvalidReason::NotAnInteger, InvalidReason::NotABoolean,     InvalidReason::NotAList,
    InvalidReason::NotAnObject,  InvalidReason::NotADate,        InvalidReason::NotACountry,
    InvalidReason::NotALanguage, InvalidReason::NotInVocabulary, InvalidReason::OutOfRange,
    InvalidReason::InTheFuture,  InvalidReason::TooLongAgo,      InvalidReason::NotApplicable,
};

}  // namespace

std::string_view to_string(InvalidReason reason) {
    switch (reason) {
        case InvalidReason::Unspecified:
            return "unspecified";
        case InvalidReason::Required:
            return "required";
        case InvalidReason::TooLong:
            return "too_long";
        case InvalidReason::NotAString:
            return "not_a_string";
        case InvalidReason::NotAnInteger:
            return "not_an_integer";
        case InvalidReason::NotABoolean:
            return "not_a_boolean";
        case InvalidReason::NotAList:
            return "not_a_list";
        case InvalidReason::NotAnObject:
            return "not_an_object";
        case InvalidReason::NotADate:
            return "not_a_date";
        case InvalidReason::NotACountry:
            return "not_a_country";
        case InvalidReason::NotALanguage:
            return "not_a_language";
        case InvalidReason::NotInVocabulary:
            return "not_in_vocabulary";
        case InvalidReason::OutOfRange:
            return "out_of_range";
        case InvalidReason::InTheFuture:
            return "in_the_future";
        case InvalidReason::TooLongAgo:
            return "too_long_ago";
        case InvalidReason::NotApplicable:
            return "not_applicable";
    }
    return "unspecified";
}

std::span<const InvalidReason> all_invalid_reasons() {
    return kReasons;
}

}  // namespace retorno
