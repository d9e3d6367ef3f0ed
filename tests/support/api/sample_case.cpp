#include "support/api/sample_case.h"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include "support/api/test_server.h"

namespace retorno::testing {

std::string open_sample_case(const HttpClient& client) {
    auto opened = client.post_json("/api/v1/cases", sample_case_body());
    if (opened.status != 201) {
        ADD_FAILURE() << "opening the sample case answered " << opened.status << ": "
                      << opened.body;
        return {};
    }
    return std::string(boost::json::parse(opened.body).at("id").as_string());
}

}  // namespace retorno::testing
