#include "http/problem.h"

#include <boost/json.hpp>

namespace retorno::http {

int status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
        case ErrorCode::UnknownField:
        case ErrorCode::NestingTooDeep:
        case ErrorCode::StringTooLong:
        case ErrorCode::MalformedJson:
            return 400;
        case ErrorCode::Unauthenticated:
            return 401;
        case ErrorCode::Forbidden:
            return 403;
        case ErrorCode::NotFound:
            return 404;
        case ErrorCode::MethodNotAllowed:
            return 405;
        case ErrorCode::Timeout:
            return 408;
        case ErrorCode::Conflict:
        case ErrorCode::RuleViolation:
            return 409;
        case ErrorCode::PayloadTooLarge:
            return 413;
        case ErrorCode::UnsupportedMediaType:
            return 415;
        case ErrorCode::PreconditionRequired:
            return 428;
        case ErrorCode::RateLimited:
            return 429;
        case ErrorCode::HeadersTooLarge:
            return 431;
        case ErrorCode::Unavailable:
            return 503;
        case ErrorCode::Internal:
            return 500;
    }
    return 500;
}

namespace {

std::string_view title_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::InvalidInput:
            return "Invalid input";
        case ErrorCode::UnknownField:
            return "Unknown field";
        case ErrorCode::PayloadTooLarge:
            return "Request body too large";
        case ErrorCode::HeadersTooLarge:
            return "Request headers too large";
        case ErrorCode::NestingTooDeep:
            return "JSON nested too deeply";
        case ErrorCode::StringTooLong:
            return "JSON string too long";
        case ErrorCode::MalformedJson:
            return "Malformed JSON";
        case ErrorCode::UnsupportedMediaType:
            return "Unsupported media type";
        case ErrorCode::NotFound:
            return "Not found";
        case ErrorCode::MethodNotAllowed:
            return "Method not allowed";
        case ErrorCode::Conflict:
            return "Version conflict";
        case ErrorCode::PreconditionRequired:
            return "Version required";
        case ErrorCode::RuleViolation:
            return "Refused by the protocol";
        case ErrorCode::Unauthenticated:
            return "Sign-in required";
        case ErrorCode::Forbidden:
            return "Forbidden";
        case ErrorCode::RateLimited:
            return "Too many requests";
        case ErrorCode::Timeout:
            return "Request timeout";
        case ErrorCode::Unavailable:
            return "Service unavailable";
        case ErrorCode::Internal:
            return "Internal error";
    }
    return "Internal error";
}

}  // namespace

Response problem_response(const Error& error, const std::string& instance) {
    boost::json::object body;
    body["type"] = "urn:retorno:problem:" + std::string(to_string(error.code));
    body["title"] = title_of(error.code);
    body["status"] = status_of(error.code);
    body["detail"] =
        error.code == ErrorCode::Internal ? "An internal error occurred." : error.message;
    if (!instance.empty())
        body["instance"] = instance;
    if (!error.field.empty()) {
        // For a protocol refusal the field holds the rule's id; otherwise a JSON Pointer.
        body[error.code == ErrorCode::RuleViolation ? "rule" : "pointer"] = error.field;
    }
    if (error.reason != InvalidReason::Unspecified)
        body["reason"] = to_string(error.reason);
    Response response;
    response.status = status_of(error.code);
    response.content_type = "application/problem+json";
    response.body = boost::json::serialize(body);
    if (error.code == ErrorCode::Unauthenticated) {
        // RFC 6750: a 401 names the scheme that would be accepted.
        response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"retorno\"");
    }
    if (error.code == ErrorCode::RateLimited && !error.detail.empty()) {
        response.headers.emplace_back("Retry-After", error.detail);
    }
    if (error.code == ErrorCode::MethodNotAllowed && !error.detail.empty()) {
        // The allowed methods are not secret; Allow is required with a 405.
        response.headers.emplace_back("Allow", error.detail);
    }
    return response;
}

}  // namespace retorno::http
