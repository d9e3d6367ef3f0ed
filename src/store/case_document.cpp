#include "store/case_document.h"

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>

#include "store/sealed_fields.h"

namespace retorno {

namespace json = boost::json;

namespace {

// Every case read decodes a document, so the reader goes from the text straight into the
// Case, field by field, as the parser meets them (no tree of JSON values to build, search
// and copy out of): that halves the cost of a read's decoding. The rules are those of
// case_from_json and stored_json, and tests hold the two readers to the same answers.

enum class Section { Root, Protocol, Person, Victim };

// Where the value under the current key goes. An object value opens a Section; monostate is
// a key this reader does not know, whose value is skipped.
using Destination =
    std::variant<std::monostate, std::string*, std::vector<std::string>*, std::int64_t*, int*,
                 std::optional<int>*, std::optional<Date>*, Timestamp*, bool*, Id*, Section>;

// The keys that a document must hold; the reader checks them off as they come.
enum Required : std::size_t {
    kId,
    kVersion,
    kStatus,
    kProtocol,
    kProtocolId,
    kProtocolVersion,
    kDestination,
    kOrigin,
    kOpenedBy,
    kOpenedAt,
    kUpdatedAt,
    kPerson,
    kAgeVerified,
    kVictim,
    kSteps,
    kLastHash,
    kRequiredCount
};

class CaseDocumentReader {
  public:
    static constexpr std::size_t max_object_size = 1000;
    static constexpr std::size_t max_array_size = 100000;
    static constexpr std::size_t max_key_size = 1000;
    static constexpr std::size_t max_string_size = 16 * 1024 * 1024;

    explicit CaseDocumentReader(FieldCipher* cipher) : m_cipher(cipher) {}

    // The case read, or the reason it could not be: an internal error, or the store's
    // refusal to open sealed fields without its key. Nothing when the document needs the
    // tree reader (a sealed field before the case's id, which names its key).
    std::optional<Result<Case>> result() && {
        if (m_needs_tree)
            return std::nullopt;
        if (m_error)
            return Result<Case>(fail(std::move(*m_error)));
        if (!m_seen.all())
            return Result<Case>(fail(Error::internal("case document without every field")));
        return Result<Case>(std::move(m_case));
    }

    bool on_document_begin(boost::system::error_code&) { return true; }
    bool on_document_end(boost::system::error_code&) { return true; }
    bool on_comment_part(json::string_view, boost::system::error_code& ec) { return stop(ec); }
    bool on_comment(json::string_view, boost::system::error_code& ec) { return stop(ec); }
    bool on_number_part(json::string_view, boost::system::error_code&) { return true; }

    bool on_object_begin(boost::system::error_code& ec) {
        if (m_skip > 0 || (m_depth > 0 && std::holds_alternative<std::monostate>(m_destination))) {
            ++m_skip;
            return true;
        }
        if (m_depth == 0) {
            m_depth = 1;
            return true;
        }
        const auto* section = std::get_if<Section>(&m_destination);
        if (section == nullptr || m_depth != 1)
            return wrong_type(ec);
        m_section = *section;
        m_depth = 2;
        return true;
    }

    bool on_object_end(std::size_t, boost::system::error_code&) {
        if (m_skip > 0) {
            --m_skip;
            return true;
        }
        --m_depth;
        m_section = Section::Root;
        m_destination = std::monostate{};
        return true;
    }

    bool on_array_begin(boost::system::error_code& ec) {
        if (m_skip > 0 || std::holds_alternative<std::monostate>(m_destination)) {
            ++m_skip;
            return true;
        }
        auto* list = std::get_if<std::vector<std::string>*>(&m_destination);
        if (list == nullptr || m_list != nullptr)
            return wrong_type(ec);
        m_list = *list;
        return true;
    }

    bool on_array_end(std::size_t, boost::system::error_code&) {
        if (m_skip > 0) {
            --m_skip;
            return true;
        }
        m_list = nullptr;
        return true;
    }

    bool on_key_part(json::string_view part, std::size_t, boost::system::error_code&) {
        if (m_skip == 0)
            m_key.append(part.data(), part.size());
        return true;
    }

    bool on_key(json::string_view last, std::size_t, boost::system::error_code&) {
        if (m_skip > 0)
            return true;
        std::string_view key(last.data(), last.size());
        if (!m_key.empty()) {
            m_key.append(key);
            key = m_key;
        }
        m_destination = destination(key);
        if (m_section == Section::Person || m_section == Section::Victim)
            m_field_key.assign(key);
        m_key.clear();
        return true;
    }

    bool on_string_part(json::string_view part, std::size_t, boost::system::error_code&) {
        if (m_skip == 0)
            m_text.append(part.data(), part.size());
        return true;
    }

    bool on_string(json::string_view last, std::size_t, boost::system::error_code& ec) {
        if (m_skip > 0)
            return true;
        std::string_view text(last.data(), last.size());
        if (!m_text.empty()) {
            m_text.append(text);
            text = m_text;
        }
        bool ok = string_value(text, ec);
        m_text.clear();
        return ok;
    }

    bool on_int64(std::int64_t value, json::string_view, boost::system::error_code& ec) {
        if (skipped_scalar())
            return true;
        if (m_list != nullptr)
            return wrong_type(ec);
        if (auto* number = std::get_if<std::int64_t*>(&m_destination))
            **number = value;
        else if (auto* small = std::get_if<int*>(&m_destination))
            **small = static_cast<int>(value);
        else if (auto* optional = std::get_if<std::optional<int>*>(&m_destination))
            **optional = static_cast<int>(value);
        else
            return wrong_type(ec);
        return true;
    }

    bool on_uint64(std::uint64_t value, json::string_view text, boost::system::error_code& ec) {
        if (value > static_cast<std::uint64_t>(INT64_MAX))
            return scalar_of_no_field(ec);
        return on_int64(static_cast<std::int64_t>(value), text, ec);
    }

    bool on_double(double, json::string_view, boost::system::error_code& ec) {
        return scalar_of_no_field(ec);
    }

    bool on_bool(bool value, boost::system::error_code& ec) {
        if (skipped_scalar())
            return true;
        auto* flag = std::get_if<bool*>(&m_destination);
        if (flag == nullptr || m_list != nullptr)
            return wrong_type(ec);
        **flag = value;
        return true;
    }

    bool on_null(boost::system::error_code& ec) { return scalar_of_no_field(ec); }

  private:
    // A scalar value under a key this reader does not know, or inside a value it skips.
    bool skipped_scalar() const {
        return m_skip > 0 ||
               (m_list == nullptr && std::holds_alternative<std::monostate>(m_destination));
    }

    // A value that no field of a case takes (null, a fraction, a number past 64 bits) is
    // skipped under an unknown key and refused anywhere else.
    bool scalar_of_no_field(boost::system::error_code& ec) {
        if (skipped_scalar())
            return true;
        return wrong_type(ec);
    }

    Destination destination(std::string_view key) {
        switch (m_section) {
            case Section::Root:
                return root_destination(key);
            case Section::Protocol:
                if (key == "id")
                    return seen(kProtocolId, &m_case.protocol_id);
                if (key == "version")
                    return seen(kProtocolVersion, &m_case.protocol_version);
                return std::monostate{};
            case Section::Person:
                return person_destination(key);
            case Section::Victim:
                return victim_destination(key);
        }
        return std::monostate{};
    }

    Destination root_destination(std::string_view key) {
        Case& c = m_case;
        if (key == "id")
            return seen(kId, &c.id);
        if (key == "version")
            return seen(kVersion, &c.version);
        if (key == "cas_Status")
            return seen(kStatus, &c.status);
        if (key == "protocol")
            return seen(kProtocol, Section::Protocol);
        if (key == "destination_country")
            return seen(kDestination, &c.destination_country);
        if (key == "origin_country")
            return seen(kOrigin, &c.origin_country);
        if (key == "opened_by_institution")
            return seen(kOpenedBy, &c.opened_by_institution);
        if (key == "opened_at")
            return seen(kOpenedAt, &c.opened_at);
        if (key == "updated_at")
            return seen(kUpdatedAt, &c.updated_at);
        if (key == "person")
            return seen(kPerson, Section::Person);
        if (key == "victim")
            return seen(kVictim, Section::Victim);
        if (key == "steps_completed")
            return seen(kSteps, &c.steps_completed);
        if (key == "last_hash")
            return seen(kLastHash, &c.last_hash);
        return std::monostate{};
    }

    Destination person_destination(std::string_view key) {
        Person& p = m_case.person;
        if (key == "prs_FirstName")
            return &p.first_name;
        if (key == "prs_MiddleName")
            return &p.middle_name;
        if (key == "prs_SecondName")
            return &p.second_name;
        if (key == "prs_Birthdate")
            return &p.birthdate;
        if (key == "age_estimate")
            return &p.age_estimate;
        if (key == "age_estimate_date")
            return &p.age_estimate_date;
        if (key == "age_verified")
            return seen(kAgeVerified, &p.age_verified);
        if (key == "prs_Gender")
            return &p.gender;
        if (key == "prs_Citizenship")
            return &p.citizenship;
        if (key == "prs_PrimaryLanguage")
            return &p.primary_language;
        if (key == "prs_SecondaryLanguage")
            return &p.secondary_language;
        if (key == "prs_IdentityNumber")
            return &p.identity_number;
        if (key == "prs_MailingCity")
            return &p.mailing_city;
        if (key == "prs_MailingState")
            return &p.mailing_state;
        if (key == "prs_MailingCountry")
            return &p.mailing_country;
        return std::monostate{};
    }

    Destination victim_destination(std::string_view key) {
        VictimContext& v = m_case.victim;
        if (key == "vic_TraffickingStatus")
            return &v.trafficking_status;
        if (key == "vic_TraffickingStatusDecisionMakingOrg")
            return &v.status_decision_org;
        if (key == "vic_RelationshipToTrafficker")
            return &v.relationship_to_trafficker;
        if (key == "vic_AgeWhenTrafficked")
            return &v.age_when_trafficked;
        if (key == "vic_MethodOfRecruitment")
            return &v.method_of_recruitment;
        if (key == "vic_MethodsOfControl")
            return &v.methods_of_control;
        if (key == "vic_TypeOfExploitation")
            return &v.type_of_exploitation;
        if (key == "vic_TypeOfSexExploitation")
            return &v.type_of_sex_exploitation;
        if (key == "vic_ForcedLabourIndustry")
            return &v.forced_labour_industry;
        return std::monostate{};
    }

    template <typename Where>
    Destination seen(Required key, Where where) {
        m_seen.set(key);
        return where;
    }

    bool string_value(std::string_view text, boost::system::error_code& ec) {
        if (m_list != nullptr) {
            m_list->emplace_back(text);
            return true;
        }
        if (std::holds_alternative<std::monostate>(m_destination))
            return true;
        if (m_section == Section::Person || m_section == Section::Victim) {
            if (FieldCipher::is_sealed(text))
                return sealed_value(text, ec);
        } else if (m_depth == 1 && std::holds_alternative<Id*>(m_destination)) {
            m_case_id.assign(text);
        }
        if (auto* target = std::get_if<std::string*>(&m_destination)) {
            // Empty text is never written; skipping it keeps a field's default (a trafficking
            // status of "Unknown"), as stored_json::text does.
            if (!text.empty())
                (*target)->assign(text);
        } else if (auto* date = std::get_if<std::optional<Date>*>(&m_destination)) {
            **date = parse_date(text);
            if (!**date)
                return wrong_type(ec);
        } else if (auto* at = std::get_if<Timestamp*>(&m_destination)) {
            auto parsed = parse_timestamp(text);
            if (!parsed)
                return wrong_type(ec);
            **at = *parsed;
        } else if (auto* id = std::get_if<Id*>(&m_destination)) {
            auto parsed = Id::parse(text);
            if (!parsed)
                return wrong_type(ec);
            **id = *parsed;
        } else {
            return wrong_type(ec);
        }
        return true;
    }

    // A sealed person or victim field: opened as open_case_document would, then read from
    // its (small) tree, or kept as the text it is.
    bool sealed_value(std::string_view text, boost::system::error_code& ec) {
        if (!m_seen.test(kId)) {
            m_needs_tree = true;
            return stop(ec);
        }
        std::string_view object = m_section == Section::Person ? "person" : "victim";
        auto opened = open_case_field(m_case_id, object, m_field_key, text, m_cipher);
        if (!opened) {
            m_error = std::move(opened.error());
            return stop(ec);
        }
        json::value value = opened->has_value() ? std::move(**opened) : json::value(text);
        try {
            assign(value);
        } catch (const std::exception&) {
            return wrong_type(ec);
        }
        return true;
    }

    // The rules of stored_json, for a value that came out of a sealed field.
    void assign(const json::value& value) {
        if (auto* target = std::get_if<std::string*>(&m_destination)) {
            (*target)->assign(value.as_string());
        } else if (auto* list = std::get_if<std::vector<std::string>*>(&m_destination)) {
            for (const auto& item : value.as_array())
                (*list)->emplace_back(item.as_string());
        } else if (auto* optional = std::get_if<std::optional<int>*>(&m_destination)) {
            **optional = static_cast<int>(value.as_int64());
        } else if (auto* date = std::get_if<std::optional<Date>*>(&m_destination)) {
            **date = parse_date(value.as_string());
            if (!**date)
                throw std::invalid_argument("not a date");
        } else if (auto* flag = std::get_if<bool*>(&m_destination)) {
            **flag = value.as_bool();
        } else {
            throw std::invalid_argument("no such field");
        }
    }

    bool wrong_type(boost::system::error_code& ec) {
        if (!m_error)
            m_error = Error::internal("case document with a value of the wrong type");
        return stop(ec);
    }

    static bool stop(boost::system::error_code& ec) {
        ec = json::error::syntax;
        return false;
    }

    FieldCipher* m_cipher;
    Case m_case;
    std::bitset<kRequiredCount> m_seen;
    Section m_section = Section::Root;
    int m_depth = 0;  // 1 in the case's object, 2 in one of its objects
    int m_skip = 0;   // nesting inside a value this reader skips
    Destination m_destination;
    std::vector<std::string>* m_list = nullptr;  // the array being read into
    std::string m_key;                           // a key that came in parts
    std::string m_text;                          // a string that came in parts
    std::string m_field_key;                     // the person or victim field being read
    std::string m_case_id;                       // as written: sealed fields name it
    std::optional<Error> m_error;
    bool m_needs_tree = false;
};

// The reader for the rare document that the streaming one hands back: parses the tree,
// opens its sealed fields and decodes it.
Result<Case> case_from_tree(std::string_view text, FieldCipher* cipher) {
    // A case document is about 1 KB; its parsed tree fits in this arena, and a larger one
    // spills over to the heap. Everything the Case keeps is copied out before the arena goes.
    alignas(std::max_align_t) std::array<unsigned char, 8192> arena;
    json::monotonic_resource resource(arena.data(), arena.size());
    boost::system::error_code ec;
    auto document = json::parse(text, ec, &resource);
    if (ec || !document.is_object())
        return fail(Error::internal("unreadable case document"));
    TRY_STATUS(open_case_document(document.get_object(), cipher));
    return case_from_json(document.get_object());
}

}  // namespace

Result<Case> case_from_document(std::string_view text, FieldCipher* cipher) {
    json::basic_parser<CaseDocumentReader> parser(json::parse_options{}, cipher);
    boost::system::error_code ec;
    parser.write_some(false, text.data(), text.size(), ec);
    auto read = std::move(parser.handler()).result();
    if (!read)
        return case_from_tree(text, cipher);
    if (!*read)
        return std::move(*read);
    if (ec)
        return fail(Error::internal("unreadable case document"));
    return std::move(*read);
}

}  // namespace retorno
