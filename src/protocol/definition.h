#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/sensitivity.h"

namespace retorno::protocol {

// Which country acts: DEST is where the child was found, ORIG the child's own country.
enum class Side { Dest, Orig };

// How a country variant sees a case: as the country where a foreign child was found, or as
// the country of a national child found abroad. The regional baseline applies to both (Any).
enum class Direction { Any, ForeignChildInCountry, NationalChildAbroad };

enum class FieldType { String, Text, Boolean, Integer, Date, Timestamp, Country, Enum, List };
enum class DayUnit { Calendar, Business };
// A return branch leads to a transfer; an alternative keeps the child out of the return.
enum class BranchKind { Return, Alternative };
enum class Language { Es, En };

std::string_view to_string(Side side);
std::string_view to_string(Direction direction);
std::string_view to_string(FieldType type);
std::string_view to_string(DayUnit unit);
std::string_view to_string(BranchKind kind);

// Text for people, in both working languages of the region.
struct Text {
    std::string es;
    std::string en;
    const std::string& in(Language language) const { return language == Language::Es ? es : en; }
    bool operator==(const Text&) const = default;
};

// Where a definition element was written, so that every problem names FILE:LINE:COLUMN.
struct SourceMark {
    std::string file;
    int line = 0;    // 1-based
    int column = 0;  // 1-based
};

struct FieldDef {
    std::string name;
    FieldType type = FieldType::String;
    bool required = false;
    std::vector<std::string> vocabulary;  // allowed values for Enum and List fields
    std::string sensitivity = "none";     // as written: none or a category's name
    std::optional<Category> category;     // who may see it, and whether it is sealed at rest
    Text label;
    SourceMark mark;
};

// A service level: the step is due `days` calendar or business days after `from` was done.
struct Deadline {
    int days = 0;
    DayUnit unit = DayUnit::Calendar;
    std::string from;  // an earlier step id
    SourceMark mark;
    SourceMark from_mark;
};

// A condition on what earlier events recorded. With no field: `step` has been done. With a
// field and no value: the field was recorded and is not empty. With `equals`/`one_of`: the
// latest recorded value (as its YAML/JSON text) is one of them.
struct Condition {
    std::string step;
    std::string field;
    std::vector<std::string> one_of;
    SourceMark mark;
};

// A guard written in a definition; it can only add to the absolute guards in guards.h.
struct GuardDef {
    std::string id;
    Condition require;
    Text message;
    SourceMark mark;
};

// A hold that a decision outcome puts on a case: the listed steps (and every step after them)
// are refused until an outcome lifts it. Example: a child needed as a witness.
struct HoldDef {
    std::string id;
    std::vector<std::string> blocks;
    Text message;
    SourceMark mark;
};

struct OutcomeDef {
    std::string id;
    Text title;
    std::string branch;  // a branch id, or "continue" to stay on the current branch
    std::optional<HoldDef> hold;
    std::vector<std::string> lifts;  // hold ids
    SourceMark mark;
    SourceMark branch_mark;
};

inline constexpr std::string_view kContinueBranch = "continue";

struct DecisionDef {
    std::string id;  // D1, D2 ...
    Text title;
    bool required = true;
    std::optional<Condition> required_when;  // on the step's own record
    std::vector<FieldDef> fields;            // besides `decision`
    std::vector<OutcomeDef> outcomes;
    SourceMark mark;
};

struct StepDef {
    std::string id;
    Text title;
    Side side = Side::Dest;
    // A branch may move a step to the other side: follow-up of a child who stays in DEST is
    // done by DEST.
    std::map<std::string, Side> side_in_branch;
    std::string actor;       // institution type that acts (vocabulary::institution_type)
    std::string supervisor;  // institution type to which an overdue task is escalated
    std::vector<std::string> after;
    std::vector<SourceMark> after_marks;
    std::string lane;                   // steps in different lanes may run in parallel
    std::vector<std::string> branches;  // empty: every branch
    std::vector<Direction> directions;  // empty: every direction
    bool repeatable = false;
    std::vector<FieldDef> fields;
    std::optional<Deadline> deadline;
    std::vector<GuardDef> guards;
    std::optional<DecisionDef> decision;
    SourceMark mark;

    const FieldDef* field(std::string_view name) const;
    Side side_for(std::string_view branch) const;
};

struct BranchDef {
    std::string id;
    Text title;
    BranchKind kind = BranchKind::Return;
    SourceMark mark;
};

struct Definition {
    std::string id;
    int version = 0;
    Text title;
    std::string country;  // empty for the regional baseline
    std::string extends_id;
    int extends_version = 0;
    std::vector<Direction> directions;
    std::string start;           // the first step (done when the case is opened)
    std::string default_branch;  // the branch a case follows until a decision changes it
    std::vector<BranchDef> branches;
    std::vector<StepDef> steps;
    // Names of this country's institutions by type, shown on the tasks its side acts on.
    std::map<std::string, std::string> institutions;
    SourceMark mark;

    const StepDef* step(std::string_view id) const;
    const BranchDef* branch(std::string_view id) const;
    // Steps that come after `id` through `after`, transitively (not including `id`).
    std::vector<std::string> successors(std::string_view id) const;
};

}  // namespace retorno::protocol
