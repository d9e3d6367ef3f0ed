// The categories of the fields a protocol step records come from the protocol definitions
// (`sensitivity:` in protocols/*.yaml), and each role sees only its categories of them.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "access/categories.h"
#include "protocol/registry.h"

namespace retorno::access {
namespace {

namespace json = boost::json;

json::object visible_data(Role role, const json::object& data) {
    auto event = redact_event(json::object{{"data", data}}, Visibility{categories_of(role), "x"});
    return event.at("data").as_object();
}

TEST(FieldCategories, EachRoleSeesTheStepFieldsOfItsCategoriesAsTheProtocolsNameThem) {
    ASSERT_TRUE(protocol::ProtocolRegistry::load_default());
    const json::object data{
        {"interview_record", "relato sintético"},      // health
        {"exploitation_details", "texto sintético"},   // exploitation
        {"proceeding_reference", "EXP-0000-PRUEBA"},   // legal
        {"international_protection_need", true},       // protection
        {"place", "Albergue de prueba"},               // whereabouts
        {"delivering_official", "Oficial de prueba"},  // none
        {"receiving_official", "Oficial receptora"},   // none
        {"not_in_any_protocol", "x"},                  // exploitation, by default
    };
    auto consul = visible_data(Role::ConsularOfficer, data);
    EXPECT_TRUE(consul.contains("delivering_official"));
    EXPECT_TRUE(consul.contains("receiving_official"));
    EXPECT_TRUE(consul.contains("proceeding_reference"));
    EXPECT_TRUE(consul.contains("place"));
    EXPECT_FALSE(consul.contains("international_protection_need"));
    EXPECT_FALSE(consul.contains("interview_record"));
    EXPECT_FALSE(consul.contains("exploitation_details"));
    EXPECT_FALSE(consul.contains("not_in_any_protocol"));

    auto psychologist = visible_data(Role::Psychologist, data);
    EXPECT_TRUE(psychologist.contains("interview_record"));
    EXPECT_TRUE(psychologist.contains("exploitation_details"));
    EXPECT_FALSE(psychologist.contains("proceeding_reference"));
    EXPECT_FALSE(psychologist.contains("place"));
    EXPECT_FALSE(psychologist.contains("international_protection_need"));

    auto legal = visible_data(Role::LegalOfficer, data);
    EXPECT_TRUE(legal.contains("proceeding_reference"));
    EXPECT_TRUE(legal.contains("international_protection_need"));
    EXPECT_FALSE(legal.contains("interview_record"));
}

}  // namespace
}  // namespace retorno::access
