#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// The name of a category as protocols, shares, the audit and the API write it ("identity", …).
std::string_view to_string(Category category);
std::optional<Category> parse_category(std::string_view text);
const std::vector<Category>& all_categories();

// A field of a person (prs_); an unknown field is Identity, so that a new field is hidden and
// encrypted until someone classifies it.
std::optional<Category> person_field_category(std::string_view key);
// A field of the victim context (vic_); an unknown field is Exploitation.
std::optional<Category> victim_field_category(std::string_view key);
// A top-level key of an event's data other than "person" and "victim": the case's routing keys
// (countries, protocol, status, decision) are of no category; a field that a protocol step
// records has the category its definition gives it (`sensitivity:` in protocols/*.yaml, see
// set_step_field_categories); the keys of free-form events (notes) that name a category
// ("shelter", "asylum", …) have it; anything else is Exploitation, the category fewest roles
// see.
std::optional<Category> event_key_category(std::string_view key);

// The category of each field that the loaded protocol definitions let a step record, by field
// name (nullopt: `sensitivity: none`). The protocol registry sets it when it loads the
// definitions, before any request is served; it may be replaced whole at any time (tests load
// registries again) and is read without locks.
using StepFieldCategories = std::map<std::string, std::optional<Category>, std::less<>>;
void set_step_field_categories(std::shared_ptr<const StepFieldCategories> categories);

}  // namespace retorno
