#include "protocol/registry.h"

#include <vector>

#include <fmt/format.h>

#include "core/resources.h"
#include "protocol/loader.h"

namespace retorno::protocol {

namespace {

// Adds the category of every field `definition` lets a step record to `categories`; a field
// name that another definition (or step) classified differently is a problem, because events
// carry field names, not steps, and one name must be redacted and sealed one way everywhere.
std::string collect_field_categories(const Definition& definition, StepFieldCategories& categories,
                                     std::map<std::string, SourceMark>& where) {
    std::string problems;
    auto add = [&](const FieldDef& field) {
        auto [it, inserted] = categories.emplace(field.name, field.category);
        if (inserted) {
            where.emplace(field.name, field.mark);
        } else if (it->second != field.category) {
            const auto& first = where.at(field.name);
            problems += fmt::format(
                "{}:{}:{}: field '{}' is '{}' here but '{}' at {}:{}:{}; a field name has one "
                "sensitivity in every protocol\n",
                field.mark.file, field.mark.line, field.mark.column, field.name, field.sensitivity,
                it->second ? to_string(*it->second) : "none", first.file, first.line, first.column);
        }
    };
    for (const auto& step : definition.steps) {
        for (const auto& field : step.fields)
            add(field);
        if (step.decision) {
            for (const auto& field : step.decision->fields)
                add(field);
        }
    }
    return problems;
}

}  // namespace

Result<ProtocolRegistry> ProtocolRegistry::load(const std::filesystem::path& protocols_dir,
                                                const std::filesystem::path& calendars_dir) {
    ProtocolRegistry registry;
    registry.m_calendars = TRY(Calendars::load(calendars_dir));
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(protocols_dir, error)) {
        if (entry.path().extension() == ".yaml")
            files.push_back(entry.path());
    }
    if (error)
        return fail(Error::internal("cannot read the protocols folder " + protocols_dir.string()));
    std::string problems;
    for (const auto& file : files) {
        auto loaded = load_definition(file, base_lookup_near(file));
        for (const auto& p : loaded.problems)
            problems += p.to_string() + "\n";
        if (!loaded.definition)
            continue;
        if (registry.find(loaded.definition->id, loaded.definition->version) != nullptr) {
            problems += file.string() + ":1:1: protocol '" + loaded.definition->id + "' version " +
                        std::to_string(loaded.definition->version) + " is defined twice\n";
            continue;
        }
        registry.add(std::move(*loaded.definition));
    }
    auto categories = std::make_shared<StepFieldCategories>();
    std::map<std::string, SourceMark> where;
    for (const auto& [key, definition] : registry.m_definitions)
        problems += collect_field_categories(definition, *categories, where);
    if (!problems.empty())
        return fail(Error::internal("invalid protocol definitions:\n" + problems));
    // Redaction (access/categories.h) and encryption at rest (store/sealed_fields.h) classify
    // the fields of events by these.
    set_step_field_categories(std::move(categories));
    return registry;
}

Result<ProtocolRegistry> ProtocolRegistry::load_default() {
    auto root = resource_root();
    return load(root / "protocols", root / "calendars");
}

void ProtocolRegistry::add(Definition definition) {
    auto key = std::make_pair(definition.id, definition.version);
    m_definitions.insert_or_assign(std::move(key), std::move(definition));
}

const Definition* ProtocolRegistry::find(std::string_view id, int version) const {
    auto it = m_definitions.find(std::make_pair(std::string(id), version));
    return it == m_definitions.end() ? nullptr : &it->second;
}

const Definition* ProtocolRegistry::latest(std::string_view id) const {
    const Definition* best = nullptr;
    for (const auto& [key, definition] : m_definitions) {
        if (key.first == id && (best == nullptr || key.second > best->version))
            best = &definition;
    }
    return best;
}

}  // namespace retorno::protocol
