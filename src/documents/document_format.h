#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <boost/json/fwd.hpp>

#include "core/string_bundle.h"
#include "core/time.h"
#include "protocol/definition.h"

namespace retorno::documents {

// Turns stored values into the words of a document in one language: dates written out,
// countries and languages by name, vocabulary values by their label, yes and no.
class Formatter {
  public:
    Formatter(const StringBundle& strings, protocol::Language language)
        : m_strings(strings), m_language(language) {}

    protocol::Language language() const { return m_language; }
    std::string text(std::string_view key) const { return m_strings.text(key); }
    // The text of `key` with each {name} replaced by its value.
    std::string fill(std::string_view key,
                     std::initializer_list<std::pair<std::string_view, std::string>> values) const;

    std::string date(Date day) const;           // "20 de marzo de 2026"
    std::string date_time(Timestamp at) const;  // "20 de marzo de 2026, 14:00 UTC"
    std::string country(std::string_view alpha2) const;
    std::string language_name(std::string_view code) const;
    // A vocabulary value's label ("vocab.air"), or the value made readable.
    std::string vocabulary(std::string_view value) const;
    // A field's label: the protocol's, else the bundle's ("field.<name>"), else the name.
    std::string field_label(std::string_view name, const protocol::Text* label = nullptr) const;
    // A recorded value as text: dates and times written out, booleans as yes or no, lists
    // joined, vocabulary values by label. Empty for null.
    std::string value(const boost::json::value& value) const;

  private:
    const StringBundle& m_strings;
    protocol::Language m_language;
};

}  // namespace retorno::documents
