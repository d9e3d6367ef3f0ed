#pragma once

#include <string>
#include <vector>

#include <filesystem>

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>
#include <boost/json.hpp>

#include "domain/event.h"
#include "protocol/registry.h"

namespace retorno::protocol::testing {

// Helpers shared by the scenario and property tests (header-only: only *_test.cpp files are
// built into test_protocol).
namespace json = boost::json;

inline const ProtocolRegistry& shipped_registry() {
    static const ProtocolRegistry registry = [] {
        std::filesystem::path root = RETORNO_SOURCE_ROOT;
        auto loaded = ProtocolRegistry::load(root / "protocols", root / "calendars");
        if (!loaded) {
            ADD_FAILURE() << loaded.error().detail;
            return ProtocolRegistry{};
        }
        return std::move(*loaded);
    }();
    return registry;
}

inline json::value yaml_to_json(const YAML::Node& node) {
    if (node.IsMap()) {
        json::object out;
        for (auto it = node.begin(); it != node.end(); ++it) {
            out[it->first.Scalar()] = yaml_to_json(it->second);
        }
        return out;
    }
    if (node.IsSequence()) {
        json::array out;
        for (const auto& item : node)
            out.push_back(yaml_to_json(item));
        return out;
    }
    if (node.IsNull())
        return nullptr;
    const auto& text = node.Scalar();
    if (node.Tag() == "!")
        return json::string(text);
    if (text == "true")
        return true;
    if (text == "false")
        return false;
    bool digits =
        !text.empty() &&
        text.find_first_not_of("0123456789", text[0] == '-' ? 1 : 0) == std::string::npos &&
        text != "-";
    if (digits) {
        try {
            return std::stoll(text);
        } catch (const std::exception&) {
        }
    }
    return json::string(text);
}

inline Event opening_event(const YAML::Node& c, const Id& case_id) {
    Event e;
    e.id = Id::generate();
    e.case_id = case_id;
    e.version = 1;
    e.kind = EventKind::CaseOpened;
    e.data["destination_country"] = c["destination_country"].as<std::string>();
    e.data["origin_country"] = c["origin_country"].as<std::string>();
    if (c["person"])
        e.data["person"] = yaml_to_json(c["person"]);
    e.actor_user = "scenario";
    e.recorded_at = parse_timestamp(c["opened_at"].as<std::string>()).value();
    return e;
}

}  // namespace retorno::protocol::testing
