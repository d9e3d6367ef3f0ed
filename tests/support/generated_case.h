#pragma once

#include <string>
#include <vector>

#include <boost/json.hpp>

#include "domain/case.h"
#include "synthetic/generator.h"

namespace retorno::testing {

// A whole case around a generated child, as a store would hold it after a few events: every
// field of Case is set, and `index` varies the status and the age check. For the tests of
// the case document's writer and readers (link retorno_synthetic).
inline Case generated_case(const synthetic::SyntheticCase& drawn, int index) {
    Case c;
    c.id = Id::generate();
    c.version = 3 + index;
    c.status = index % 2 == 0 ? "Active" : "FollowUp";
    c.protocol_id = "gt-mx";
    c.protocol_version = 2;
    c.origin_country = drawn.origin_country;
    c.destination_country = drawn.destination_country;
    c.opened_by_institution = Id::generate().to_string();
    c.opened_at = parse_timestamp("2026-03-01T10:00:00.000Z").value();
    c.updated_at = parse_timestamp("2026-03-02T11:30:00.250Z").value();
    c.person = drawn.person;
    c.person.age_verified = index % 3 == 0;
    c.victim = drawn.victim;
    c.steps_completed = {"identification", "interview"};
    c.last_hash = std::string(64, 'a');
    return c;
}

// Ways a stored case document can be damaged; every reader must refuse each of them as an
// internal error, never crash on it.
struct CaseDocumentDamage {
    const char* what;
    void (*apply)(boost::json::object&);
};

inline std::vector<CaseDocumentDamage> case_document_damages() {
    return {
        {"no person", [](boost::json::object& d) { d.erase("person"); }},
        {"person without age_verified",
         [](boost::json::object& d) { d["person"].as_object().erase("age_verified"); }},
        {"first name a number",
         [](boost::json::object& d) { d["person"].as_object()["prs_FirstName"] = 5; }},
        {"first name null",
         [](boost::json::object& d) { d["person"].as_object()["prs_FirstName"] = nullptr; }},
        {"birth date not a date",
         [](boost::json::object& d) { d["person"].as_object()["prs_Birthdate"] = "31/12/2010"; }},
        {"citizenship not a list",
         [](boost::json::object& d) { d["person"].as_object()["prs_Citizenship"] = "GT"; }},
        {"citizenship a list of lists",
         [](boost::json::object& d) {
             d["person"].as_object()["prs_Citizenship"] =
                 boost::json::array{boost::json::array{"GT"}};
         }},
        {"victim a string", [](boost::json::object& d) { d["victim"] = "x"; }},
        {"control methods of numbers",
         [](boost::json::object& d) {
             d["victim"].as_object()["vic_MethodsOfControl"] = boost::json::array{1};
         }},
        {"bad id", [](boost::json::object& d) { d["id"] = "not-an-id"; }},
        {"version a fraction", [](boost::json::object& d) { d["version"] = 2.5; }},
        {"opened_at not a time", [](boost::json::object& d) { d["opened_at"] = "yesterday"; }},
        {"protocol a list", [](boost::json::object& d) { d["protocol"] = boost::json::array{}; }},
        {"no steps", [](boost::json::object& d) { d.erase("steps_completed"); }},
        {"no protocol version",
         [](boost::json::object& d) { d["protocol"].as_object().erase("version"); }},
    };
}

}  // namespace retorno::testing
