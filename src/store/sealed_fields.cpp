#include "store/sealed_fields.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "domain/sensitivity.h"

namespace retorno {

namespace json = boost::json;

namespace {

enum class Layout { Case, Event };

// One value of a document that may hold personal data. Its path and whether its field is
// sensitive are worked out only when asked: a read opens every case document it returns, and
// most of their values are neither sealed nor sensitive.
class Field {
  public:
    using Classify = std::optional<Category> (*)(std::string_view);

    Field(std::string_view prefix, std::string_view key, json::value& value, Classify classify)
        : m_prefix(prefix), m_key(key), m_value(value), m_classify(classify) {}

    json::value& value() { return m_value; }
    std::string path() const {
        std::string out;
        out.reserve(m_prefix.size() + 1 + m_key.size());
        out += m_prefix;
        out += '/';
        out += m_key;
        return out;
    }
    // The field has a category today. Opening and rotation also visit the others, because a
    // field may have been sensitive when it was written (a protocol's `sensitivity:` can
    // change between versions) and so hold a sealed value.
    bool sensitive() const { return m_classify(m_key).has_value(); }

  private:
    std::string_view m_prefix;
    std::string_view m_key;
    json::value& m_value;
    Classify m_classify;
};

using Visit = std::function<Status(Field& field)>;

Status visit_object(json::object& object, std::string_view prefix, Field::Classify classify,
                    const Visit& visit) {
    for (auto& [key, value] : object) {
        Field field(prefix, key, value, classify);
        TRY_STATUS(visit(field));
    }
    return {};
}

// Calls `visit` on every value of a document that may hold personal data.
Status for_each_field(json::object& root, Layout layout, const Visit& visit) {
    for (auto& [key, value] : root) {
        if (key == "person" && value.is_object()) {
            TRY_STATUS(visit_object(value.get_object(), "/person", &person_field_category, visit));
        } else if (key == "victim" && value.is_object()) {
            TRY_STATUS(visit_object(value.get_object(), "/victim", &victim_field_category, visit));
        } else if (layout == Layout::Event) {
            Field field("", key, value, &event_key_category);
            TRY_STATUS(visit(field));
        }
    }
    return {};
}

std::string associated_data(std::string_view case_id, std::string_view place,
                            const std::string& path) {
    std::string out = "retorno-field:1:";
    out += case_id;
    out += ':';
    out += place;
    out += ':';
    out += path;
    return out;
}

bool is_sealed(const json::value& value) {
    return value.is_string() && FieldCipher::is_sealed(value.get_string());
}

Status seal(json::object& root, Layout layout, std::string_view case_id, std::string_view place,
            FieldCipher* cipher) {
    if (cipher == nullptr)
        return {};
    return for_each_field(root, layout, [&](Field& field) -> Status {
        if (!field.sensitive())
            return Status{};
        // Every sensitive value is sealed, even one that looks sealed already (a name typed
        // as "enc1:…" must not be stored in clear, nor make the case unreadable).
        auto& value = field.value();
        value = TRY(
            cipher->seal(json::serialize(value), associated_data(case_id, place, field.path())));
        return Status{};
    });
}

// A value that looks sealed in a field of no category is opened only if it authenticates: it
// was sealed while the field was sensitive. One that does not is text that merely looks
// sealed ("enc1:…" typed into an ordinary field) and stays as it is.
Result<std::optional<json::value>> open_declassified(FieldCipher& cipher, const json::value& value,
                                                     const std::string& ad) {
    auto text = cipher.unseal(value.get_string(), ad);
    if (!text)
        return std::optional<json::value>{};
    boost::system::error_code ec;
    auto parsed = json::parse(*text, ec);
    if (ec)
        return fail(Error::internal("a decrypted field is not JSON"));
    return std::optional<json::value>{std::move(parsed)};
}

// What opening does to one value: the value decrypted and parsed when it is a sealed value
// that opens, nothing when it stays as it is.
Result<std::optional<json::value>> open_value(std::string_view text, bool sensitive,
                                              const std::function<std::string()>& path,
                                              std::string_view case_id, std::string_view place,
                                              FieldCipher* cipher) {
    if (!FieldCipher::is_sealed(text))
        return std::optional<json::value>{};
    if (cipher == nullptr) {
        if (!sensitive)
            return std::optional<json::value>{};
        return fail(
            Error::make(ErrorCode::Unavailable,
                        "The store holds encrypted fields and was opened without its key file."));
    }
    auto ad = associated_data(case_id, place, path());
    if (!sensitive)
        return open_declassified(*cipher, json::value(text), ad);
    auto plaintext = TRY(cipher->unseal(text, ad));
    boost::system::error_code ec;
    auto parsed = json::parse(plaintext, ec);
    if (ec)
        return fail(Error::internal("a decrypted field is not JSON"));
    return std::optional<json::value>{std::move(parsed)};
}

Status open(json::object& root, Layout layout, std::string_view case_id, std::string_view place,
            FieldCipher* cipher) {
    return for_each_field(root, layout, [&](Field& field) -> Status {
        auto& value = field.value();
        // Most values are not sealed: their field's category is not looked up.
        if (!is_sealed(value))
            return Status{};
        auto opened = TRY(open_value(
            value.get_string(), field.sensitive(), [&] { return field.path(); }, case_id, place,
            cipher));
        if (opened)
            value = std::move(*opened);
        return Status{};
    });
}

Result<std::int64_t> reseal(json::object& root, Layout layout, std::string_view case_id,
                            std::string_view place, FieldCipher& cipher, ResealMode mode) {
    std::string current = cipher.current_key_id();
    std::int64_t count = 0;
    TRY_STATUS(for_each_field(root, layout, [&](Field& field) -> Status {
        auto& value = field.value();
        auto ad = associated_data(case_id, place, field.path());
        if (!field.sensitive()) {
            // Sealed while its field was sensitive: stored in clear from now on, so that it
            // does not depend on a key that a later rotation may retire.
            if (!is_sealed(value))
                return Status{};
            auto opened = TRY(open_declassified(cipher, value, ad));
            if (!opened)
                return Status{};
            ++count;
            if (mode == ResealMode::Reseal)
                value = std::move(*opened);
            return Status{};
        }
        if (is_sealed(value) && FieldCipher::key_id_of(value.get_string()) == current)
            return Status{};
        ++count;
        if (mode == ResealMode::Count)
            return Status{};
        std::string plaintext =
            is_sealed(value) ? TRY(cipher.unseal(value.get_string(), ad)) : json::serialize(value);
        value = TRY(cipher.seal(plaintext, ad));
        return Status{};
    }));
    return count;
}

std::string case_id_of(const json::object& document) {
    auto* id = document.if_contains("id");
    return id != nullptr && id->is_string() ? std::string(id->get_string()) : std::string();
}

}  // namespace

namespace {

std::string totp_associated_data(const Id& user_id) {
    return "retorno-totp:1:" + user_id.to_string();
}

}  // namespace

Result<std::string> seal_totp_secret(const std::string& secret, const Id& user_id,
                                     FieldCipher* cipher) {
    if (cipher == nullptr)
        return secret;
    return cipher->seal(secret, totp_associated_data(user_id));
}

Result<std::string> open_totp_secret(const std::string& stored, const Id& user_id,
                                     FieldCipher* cipher) {
    if (!FieldCipher::is_sealed(stored))
        return stored;
    if (cipher == nullptr) {
        return fail(
            Error::make(ErrorCode::Unavailable,
                        "The store holds encrypted fields and was opened without its key file."));
    }
    return cipher->unseal(stored, totp_associated_data(user_id));
}

Status seal_case_document(json::object& document, FieldCipher* cipher) {
    return seal(document, Layout::Case, case_id_of(document), "case", cipher);
}

Status open_case_document(json::object& document, FieldCipher* cipher) {
    return open(document, Layout::Case, case_id_of(document), "case", cipher);
}

Status seal_event_data(json::object& data, const Id& case_id, const Id& event_id,
                       FieldCipher* cipher) {
    return seal(data, Layout::Event, case_id.to_string(), event_id.to_string(), cipher);
}

Result<std::optional<json::value>> open_case_field(std::string_view case_id,
                                                   std::string_view object, std::string_view key,
                                                   std::string_view text, FieldCipher* cipher) {
    Field::Classify classify = object == "person" ? &person_field_category : &victim_field_category;
    auto path = [&] {
        std::string out = "/";
        out += object;
        out += '/';
        out += key;
        return out;
    };
    return open_value(text, classify(key).has_value(), path, case_id, "case", cipher);
}

Status open_event_data(json::object& data, const Id& case_id, const Id& event_id,
                       FieldCipher* cipher) {
    return open(data, Layout::Event, case_id.to_string(), event_id.to_string(), cipher);
}

Result<std::int64_t> reseal_case_document(json::object& document, FieldCipher& cipher,
                                          ResealMode mode) {
    return reseal(document, Layout::Case, case_id_of(document), "case", cipher, mode);
}

Result<std::int64_t> reseal_event_data(json::object& data, const Id& case_id, const Id& event_id,
                                       FieldCipher& cipher, ResealMode mode) {
    return reseal(data, Layout::Event, case_id.to_string(), event_id.to_string(), cipher, mode);
}

}  // namespace retorno
