// Which fields of event data are sealed at rest follows the protocol definitions' categories,
// and a field whose category is changed to none stays readable: its sealed values are opened
// when they authenticate, and a rotation stores them in clear.

#include <gtest/gtest.h>

#include <memory>

#include <boost/json.hpp>

#include "crypto/field_cipher.h"
#include "crypto/keyring.h"
#include "domain/sensitivity.h"
#include "store/sealed_fields.h"

namespace retorno {
namespace {

namespace json = boost::json;

// Installs a classification of step fields for one test and restores none afterwards.
class SealedFields : public ::testing::Test {
  protected:
    void classify(StepFieldCategories categories) {
        set_step_field_categories(std::make_shared<const StepFieldCategories>(categories));
    }
    void TearDown() override { set_step_field_categories(std::make_shared<StepFieldCategories>()); }

    std::shared_ptr<FieldCipher> cipher = FieldCipher::in_memory(Keyring::generate());
    Id case_id = Id::generate();
    Id event_id = Id::generate();
};

TEST_F(SealedFields, StepFieldsAreSealedByTheirProtocolCategory) {
    classify({{"interview_record", Category::Health}, {"interview_date", std::nullopt}});
    json::object data{{"interview_record", "relato sintético"},
                      {"interview_date", "2026-03-04"},
                      {"field_no_protocol_defines", "texto sintético"},
                      {"origin_country", "GT"}};
    ASSERT_TRUE(seal_event_data(data, case_id, event_id, cipher.get()));
    EXPECT_TRUE(FieldCipher::is_sealed(data.at("interview_record").as_string()));
    EXPECT_EQ(data.at("interview_date"), "2026-03-04");
    // A key no protocol defines counts as exploitation: sealed.
    EXPECT_TRUE(FieldCipher::is_sealed(data.at("field_no_protocol_defines").as_string()));
    EXPECT_EQ(data.at("origin_country"), "GT");
    ASSERT_TRUE(open_event_data(data, case_id, event_id, cipher.get()));
    EXPECT_EQ(data.at("interview_record"), "relato sintético");
    EXPECT_EQ(data.at("field_no_protocol_defines"), "texto sintético");
}

TEST_F(SealedFields, AFieldDeclassifiedLaterIsOpenedAndRotationStoresItInClear) {
    classify({{"place", Category::Whereabouts}});
    json::object data{{"place", "Albergue de prueba"}};
    ASSERT_TRUE(seal_event_data(data, case_id, event_id, cipher.get()));
    const std::string sealed(data.at("place").as_string());
    ASSERT_TRUE(FieldCipher::is_sealed(sealed));

    // A new protocol version makes the field `sensitivity: none`.
    classify({{"place", std::nullopt}});
    json::object read = data;
    ASSERT_TRUE(open_event_data(read, case_id, event_id, cipher.get()));
    EXPECT_EQ(read.at("place"), "Albergue de prueba");

    json::object counted = data;
    EXPECT_EQ(*reseal_event_data(counted, case_id, event_id, *cipher, ResealMode::Count), 1);
    EXPECT_EQ(counted.at("place").as_string(), sealed);
    ASSERT_EQ(*reseal_event_data(data, case_id, event_id, *cipher, ResealMode::Reseal), 1);
    EXPECT_EQ(data.at("place"), "Albergue de prueba");
    EXPECT_EQ(*reseal_event_data(data, case_id, event_id, *cipher, ResealMode::Count), 0);
}

TEST_F(SealedFields, TextThatOnlyLooksSealedInAnOrdinaryFieldIsLeftAsItIs) {
    classify({{"place", std::nullopt}});
    // Sealed for another case: it does not authenticate here, so it is someone's text.
    auto foreign = cipher->seal("\"x\"", "retorno-field:1:other:other:/place");
    ASSERT_TRUE(foreign);
    json::object data{{"place", *foreign}};
    ASSERT_TRUE(open_event_data(data, case_id, event_id, cipher.get()));
    EXPECT_EQ(data.at("place").as_string(), *foreign);
    EXPECT_EQ(*reseal_event_data(data, case_id, event_id, *cipher, ResealMode::Reseal), 0);
    EXPECT_EQ(data.at("place").as_string(), *foreign);
    // Without a key file, an ordinary field that looks sealed does not stop the read either.
    ASSERT_TRUE(open_event_data(data, case_id, event_id, nullptr));
}

}  // namespace
}  // namespace retorno
