// A case projection is written by case_to_json and read back by case_from_json on every case
// read, without validating its values again; these tests hold the two to being exact inverses.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/case.h"
#include "synthetic/generator.h"

namespace retorno::testing {
namespace {

namespace json = boost::json;

Case case_from(const synthetic::SyntheticCase& drawn, int index) {
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

TEST(CaseDocument, EveryGeneratedCaseReadsBackExactlyAsItWasWritten) {
    synthetic::Generator generator(7);
    int with_estimate = 0;
    int with_victim_lists = 0;
    for (int i = 0; i < 400; ++i) {
        Case written = case_from(generator.next_case(), i);
        auto document = case_to_json(written);
        auto read = case_from_json(document);
        ASSERT_TRUE(read) << read.error().detail;
        // Compared through the writer, which emits every field of Case.
        EXPECT_EQ(json::serialize(case_to_json(*read)), json::serialize(document));
        EXPECT_EQ(read->person.age_verified, written.person.age_verified);
        EXPECT_EQ(read->person.citizenship, written.person.citizenship);
        EXPECT_EQ(read->victim.type_of_exploitation, written.victim.type_of_exploitation);
        with_estimate += written.person.age_estimate.has_value() ? 1 : 0;
        with_victim_lists += written.victim.methods_of_control.empty() ? 0 : 1;
    }
    // The draw covers the optional fields both ways.
    EXPECT_GT(with_estimate, 0);
    EXPECT_LT(with_estimate, 400);
    EXPECT_GT(with_victim_lists, 0);
}

TEST(CaseDocument, ADocumentOfTheWrongShapeIsAnInternalErrorNotACrash) {
    synthetic::Generator generator(8);
    const auto good = case_to_json(case_from(generator.next_case(), 0));
    struct Damage {
        const char* what;
        void (*apply)(json::object&);
    };
    const Damage damages[] = {
        {"no person", [](json::object& d) { d.erase("person"); }},
        {"person without age_verified",
         [](json::object& d) { d["person"].as_object().erase("age_verified"); }},
        {"first name a number",
         [](json::object& d) { d["person"].as_object()["prs_FirstName"] = 5; }},
        {"birth date not a date",
         [](json::object& d) { d["person"].as_object()["prs_Birthdate"] = "31/12/2010"; }},
        {"citizenship not a list",
         [](json::object& d) { d["person"].as_object()["prs_Citizenship"] = "GT"; }},
        {"victim a string", [](json::object& d) { d["victim"] = "x"; }},
        {"control methods of numbers",
         [](json::object& d) { d["victim"].as_object()["vic_MethodsOfControl"] = json::array{1}; }},
        {"bad id", [](json::object& d) { d["id"] = "not-an-id"; }},
        {"no steps", [](json::object& d) { d.erase("steps_completed"); }},
    };
    for (const auto& damage : damages) {
        auto document = good;
        damage.apply(document);
        auto read = case_from_json(document);
        ASSERT_FALSE(read) << damage.what;
        EXPECT_EQ(read.error().code, ErrorCode::Internal) << damage.what;
    }
}

}  // namespace
}  // namespace retorno::testing
