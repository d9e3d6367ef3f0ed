// Both stores read every case through case_from_document, which decodes the stored text
// straight into a Case as it parses it. These tests hold it to the tree reader's answers
// (case_from_json after open_case_document): the same case for every document retorno
// writes, with and without sealed fields, and the same refusals for damaged ones.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <boost/json.hpp>

#include "crypto/field_cipher.h"
#include "crypto/keyring.h"
#include "domain/case.h"
#include "store/case_document.h"
#include "store/sealed_fields.h"
#include "support/generated_case.h"
#include "synthetic/generator.h"

namespace retorno {
namespace {

using testing::case_document_damages;
using testing::generated_case;

namespace json = boost::json;

// The text a store keeps for a case: the document with its sensitive fields sealed.
std::string stored_text(const Case& c, FieldCipher* cipher) {
    auto document = case_to_json(c);
    EXPECT_TRUE(seal_case_document(document, cipher));
    return json::serialize(document);
}

// The writer emits every field of a Case, so two cases are equal when they write the same.
std::string written(const Case& c) {
    return json::serialize(case_to_json(c));
}

class StoredCaseDocument : public ::testing::Test {
  protected:
    std::shared_ptr<FieldCipher> cipher = FieldCipher::in_memory(Keyring::generate());
};

TEST_F(StoredCaseDocument, EveryGeneratedCaseReadsBackAsWrittenWithAndWithoutSealedFields) {
    synthetic::Generator generator(11);
    int sealed_fields_seen = 0;
    for (int i = 0; i < 300; ++i) {
        Case c = generated_case(generator.next_case(), i);
        for (FieldCipher* key : {static_cast<FieldCipher*>(nullptr), cipher.get()}) {
            std::string text = stored_text(c, key);
            if (key != nullptr && text.find("enc1:") != std::string::npos)
                ++sealed_fields_seen;
            auto read = case_from_document(text, key);
            ASSERT_TRUE(read) << read.error().message << " " << read.error().detail;
            EXPECT_EQ(written(*read), written(c));
            // The tree reader, which the streaming one stands in for, agrees.
            auto tree = json::parse(text).as_object();
            ASSERT_TRUE(open_case_document(tree, key));
            EXPECT_EQ(written(case_from_json(tree).value()), written(*read));
        }
    }
    EXPECT_EQ(sealed_fields_seen, 300);
}

TEST_F(StoredCaseDocument, SealedFieldsWithoutTheKeyAreRefusedAsTheTreeReaderRefusesThem) {
    synthetic::Generator generator(12);
    std::string text = stored_text(generated_case(generator.next_case(), 0), cipher.get());
    auto read = case_from_document(text, nullptr);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error().code, ErrorCode::Unavailable);
    // A sealed field under another case's id does not open: the case id is part of its key.
    auto moved = json::parse(text).as_object();
    moved["id"] = Id::generate().to_string();
    auto foreign = case_from_document(json::serialize(moved), cipher.get());
    ASSERT_FALSE(foreign);
}

TEST_F(StoredCaseDocument, ADocumentWhoseSealedFieldsComeBeforeItsIdIsStillRead) {
    synthetic::Generator generator(13);
    Case c = generated_case(generator.next_case(), 1);
    auto sealed = json::parse(stored_text(c, cipher.get())).as_object();
    // Another writer could order the keys otherwise: the person object first, the id last.
    json::object reordered;
    reordered["person"] = sealed.at("person");
    for (const auto& [key, value] : sealed) {
        if (key != "person" && key != "id")
            reordered[key] = value;
    }
    reordered["id"] = sealed.at("id");
    auto read = case_from_document(json::serialize(reordered), cipher.get());
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(written(*read), written(c));
}

TEST_F(StoredCaseDocument, UnknownKeysAndEscapedTextAreReadAsTheTreeReaderReadsThem) {
    synthetic::Generator generator(14);
    Case c = generated_case(generator.next_case(), 2);
    c.person.first_name = "Ana \"Chayo\" Pérez\\Núñez";
    c.person.mailing_city = "San José\n\u00e9";
    auto document = json::parse(stored_text(c, nullptr)).as_object();
    document["added_later"] = json::object{{"nested", json::array{1, "two", json::object{}}}};
    document["person"].as_object()["prs_Unknown"] = json::array{json::array{}, nullptr, 2.5};
    document["victim"].as_object()["vic_Unknown"] = nullptr;
    document["protocol"].as_object()["extra"] = 18446744073709551615ULL;
    auto read = case_from_document(json::serialize(document), nullptr);
    ASSERT_TRUE(read) << read.error().detail;
    EXPECT_EQ(written(*read), written(c));
}

TEST_F(StoredCaseDocument, ADamagedDocumentIsAnInternalErrorAsWithTheTreeReader) {
    synthetic::Generator generator(15);
    const auto good = case_to_json(generated_case(generator.next_case(), 0));
    for (const auto& damage : case_document_damages()) {
        auto document = good;
        damage.apply(document);
        auto read = case_from_document(json::serialize(document), nullptr);
        ASSERT_FALSE(read) << damage.what;
        EXPECT_EQ(read.error().code, ErrorCode::Internal) << damage.what;
        auto tree = case_from_json(document);
        EXPECT_FALSE(tree) << damage.what << ": the tree reader reads it";
    }
    for (std::string text : {"", "[]", "\"case\"", "{\"id\":", "{} trailing", "nul"}) {
        auto read = case_from_document(text, nullptr);
        ASSERT_FALSE(read) << text;
        EXPECT_EQ(read.error().code, ErrorCode::Internal) << text;
    }
}

}  // namespace
}  // namespace retorno
