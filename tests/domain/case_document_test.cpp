// A case projection is written by case_to_json and read back by case_from_json on every case
// read, without validating its values again; these tests hold the two to being exact inverses.

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "domain/case.h"
#include "support/generated_case.h"
#include "synthetic/generator.h"

namespace retorno::testing {
namespace {

namespace json = boost::json;

TEST(CaseDocument, EveryGeneratedCaseReadsBackExactlyAsItWasWritten) {
    synthetic::Generator generator(7);
    int with_estimate = 0;
    int with_victim_lists = 0;
    for (int i = 0; i < 400; ++i) {
        Case written = generated_case(generator.next_case(), i);
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
    const auto good = case_to_json(generated_case(generator.next_case(), 0));
    for (const auto& damage : case_document_damages()) {
        auto document = good;
        damage.apply(document);
        auto read = case_from_json(document);
        ASSERT_FALSE(read) << damage.what;
        EXPECT_EQ(read.error().code, ErrorCode::Internal) << damage.what;
    }
}

}  // namespace
}  // namespace retorno::testing
