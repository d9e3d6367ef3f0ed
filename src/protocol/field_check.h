#pragma once

#include <optional>
#include <vector>

#include <boost/json/object.hpp>

#include "protocol/definition.h"
#include "protocol/refusal.h"

namespace retorno::protocol {

// Checks an event's data against the fields a step (or its decision) defines: no unknown
// field, every required one present, each of its type and inside its vocabulary. The refusal
// names the field as a JSON Pointer under /data.
std::optional<Refusal> check_fields(const std::vector<FieldDef>& fields,
                                    const boost::json::object& data,
                                    std::string_view extra_allowed = {});

}  // namespace retorno::protocol
