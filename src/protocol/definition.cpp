#include "protocol/definition.h"

#include <algorithm>
#include <set>

namespace retorno::protocol {

std::string_view to_string(Side side) {
    return side == Side::Dest ? "DEST" : "ORIG";
}

std::string_view to_string(Direction direction) {
    switch (direction) {
        case Direction::Any:
            return "any";
        case Direction::ForeignChildInCountry:
            return "foreign_child_in_country";
        case Direction::NationalChildAbroad:
            return "national_child_abroad";
    }
    return "any";
}

std::string_view to_string(FieldType type) {
    switch (type) {
        case FieldType::String:
            return "string";
        case FieldType::Text:
            return "text";
        case FieldType::Boolean:
            return "boolean";
        case FieldType::Integer:
            return "integer";
        case FieldType::Date:
            return "date";
        case FieldType::Timestamp:
            return "timestamp";
        case FieldType::Country:
            return "country";
        case FieldType::Enum:
            return "enum";
        case FieldType::List:
            return "list";
    }
    return "string";
}

std::string_view to_string(DayUnit unit) {
    return unit == DayUnit::Business ? "business_days" : "calendar_days";
}

std::string_view to_string(BranchKind kind) {
    return kind == BranchKind::Return ? "return" : "alternative";
}

const FieldDef* StepDef::field(std::string_view name) const {
    for (const auto& f : fields) {
        if (f.name == name)
            return &f;
    }
    if (decision) {
        for (const auto& f : decision->fields) {
            if (f.name == name)
                return &f;
        }
    }
    return nullptr;
}

Side StepDef::side_for(std::string_view branch) const {
    auto it = side_in_branch.find(std::string(branch));
    return it == side_in_branch.end() ? side : it->second;
}

const StepDef* Definition::step(std::string_view id) const {
    for (const auto& s : steps) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

const BranchDef* Definition::branch(std::string_view id) const {
    for (const auto& b : branches) {
        if (b.id == id)
            return &b;
    }
    return nullptr;
}

std::vector<std::string> Definition::successors(std::string_view id) const {
    std::set<std::string> found;
    std::vector<std::string> frontier{std::string(id)};
    while (!frontier.empty()) {
        std::string current = frontier.back();
        frontier.pop_back();
        for (const auto& s : steps) {
            if (std::find(s.after.begin(), s.after.end(), current) != s.after.end() &&
                found.insert(s.id).second) {
                frontier.push_back(s.id);
            }
        }
    }
    found.erase(std::string(id));
    return {found.begin(), found.end()};
}

}  // namespace retorno::protocol
