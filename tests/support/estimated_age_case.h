#pragma once

// The smallest case a service test opens: a child known by a first name and an age estimated
// on the day, found in `destination`, of `origin`. Names are invented.

#include <string>

#include "core/time.h"
#include "service/case_requests.h"

namespace retorno::testing {

inline OpenCaseRequest estimated_age_case(std::string first_name, std::string origin,
                                          std::string destination, Timestamp now) {
    OpenCaseRequest request;
    request.person.first_name = std::move(first_name);
    request.person.age_estimate = 15;
    request.person.age_estimate_date = date_of(now);
    request.origin_country = std::move(origin);
    request.destination_country = std::move(destination);
    return request;
}

}  // namespace retorno::testing
