#pragma once

#include <optional>
#include <string_view>

namespace retorno {

// The sensitivity categories of a case's personal data, and which field belongs to which. One
// classification serves both need-to-know redaction (access/categories.h: each role sees only
// its categories) and encryption at rest (store/sealed_fields.h: every field of a category is
// encrypted in the database). A field of no category (the case's status, countries, steps, a
// child's gender and languages) is neither redacted nor encrypted.
enum class Category {
    Identity,      // names, birth date, identity document
    Whereabouts,   // address, shelter, where the child is now
    Health,        // health and psychological assessments
    Exploitation,  // what was done to the child, how she was recruited and controlled
    Protection,    // an international-protection (asylum) claim: never for the origin's consulate
    Legal,         // legal proceedings, trafficking status decisions
};

// A field of a person (prs_); an unknown field is Identity, so that a new field is hidden and
// encrypted until someone classifies it.
std::optional<Category> person_field_category(std::string_view key);
// A field of the victim context (vic_); an unknown field is Exploitation.
std::optional<Category> victim_field_category(std::string_view key);
// A top-level key of an event's data other than "person" and "victim". FIXME: the protocol
// definitions should name the category of each field a step records; until then keys are
// classified by name and anything unknown is Exploitation (the category fewest roles see).
std::optional<Category> event_key_category(std::string_view key);

}  // namespace retorno
