#pragma once

#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace retorno {

// What went wrong, as a class of failure. Each code maps to one HTTP status and one
// problem+json type (see http/problem.cpp), so that a caller can act on it without parsing text.
enum class ErrorCode {
    InvalidInput,     // A field is missing, of the wrong type or outside its vocabulary.
    UnknownField,     // The request names a field that the schema does not define.
    PayloadTooLarge,  // The body exceeds the configured body limit.
    HeadersTooLarge,  // The request head exceeds the configured header limit.
    NestingTooDeep,   // JSON nesting exceeds the configured depth limit.
    StringTooLong,    // A JSON string exceeds the configured string-length limit.
    MalformedJson,    // The body is not JSON at all.
    UnsupportedMediaType,
    NotFound,
    MethodNotAllowed,
    Conflict,              // The case changed since the version the caller named.
    PreconditionRequired,  // A write did not name the version it was made against.
    RuleViolation,         // The protocol refuses the event (used by the protocol engine).
    Unauthenticated,
    Forbidden,
    RateLimited,
    Timeout,
    Unavailable,  // A dependency (the database) cannot be reached.
    Internal,
};

std::string_view to_string(ErrorCode code);

// Why an input was refused, as a stable code beside the English message, so that a page can
// say it in the reader's language and an API client can act on it ("reason" in problem+json).
enum class InvalidReason {
    Unspecified,
    Required,         // The field is missing or empty.
    TooLong,          // Longer than the field allows.
    NotAString,       // Of the wrong JSON type: a string was expected.
    NotAnInteger,     // A whole number was expected.
    NotABoolean,      // Yes or no was expected.
    NotAList,         // A list was expected.
    NotAnObject,      // An object was expected.
    NotADate,         // Not a real calendar date written YYYY-MM-DD.
    NotACountry,      // Not an ISO 3166-1 alpha-2 code.
    NotALanguage,     // Not an ISO 639 code.
    NotInVocabulary,  // Outside the field's list of values.
    OutOfRange,       // A number outside the allowed range.
    InTheFuture,      // A date after today.
    TooLongAgo,       // A birth date more than 120 years ago.
    NotApplicable,    // The field does not belong with the rest of the request.
};

std::string_view to_string(InvalidReason reason);
// Every reason but Unspecified, for the tests that check that each has its words.
std::span<const InvalidReason> all_invalid_reasons();

// An error as a value. `message` is safe to show to anyone; `detail` may hold internals (a
// SQLite message, a file path) and goes only to the server log, never to a client. `field`
// names the input that was wrong, as a JSON Pointer ("/person/prs_Birthdate"), when there is one.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
    std::string detail;
    std::string field;
    InvalidReason reason = InvalidReason::Unspecified;

    static Error invalid(std::string field, std::string message) {
        return Error{ErrorCode::InvalidInput, std::move(message), {}, std::move(field)};
    }
    static Error invalid(std::string field, InvalidReason reason, std::string message) {
        return Error{ErrorCode::InvalidInput, std::move(message), {}, std::move(field), reason};
    }
    static Error internal(std::string detail) {
        return Error{ErrorCode::Internal, "An internal error occurred.", std::move(detail), {}};
    }
    static Error make(ErrorCode code, std::string message, std::string detail = {}) {
        return Error{code, std::move(message), std::move(detail), {}};
    }
};

template <typename T>
using Result = tl::expected<T, Error>;

using Status = tl::expected<void, Error>;

inline tl::unexpected<Error> fail(Error error) {
    return tl::unexpected<Error>(std::move(error));
}

}  // namespace retorno

// TRY(expr) evaluates a Result; on error it returns the error from the enclosing function,
// otherwise it yields the value. It is a GNU statement expression (g++ and clang), marked
// __extension__ so that -Wpedantic accepts it.
#define TRY(expr)                                                    \
    __extension__({                                                  \
        auto&& try_result_ = (expr);                                 \
        if (!try_result_)                                            \
            return ::tl::unexpected(std::move(try_result_).error()); \
        std::move(try_result_).value();                              \
    })

// TRY_STATUS(expr) is TRY for a Status, which has no value to yield.
#define TRY_STATUS(expr)                                             \
    do {                                                             \
        auto&& try_status_ = (expr);                                 \
        if (!try_status_)                                            \
            return ::tl::unexpected(std::move(try_status_).error()); \
    } while (false)
