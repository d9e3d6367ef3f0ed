#include "protocol/registry.h"

#include <algorithm>
#include <fstream>
#include <sstream>
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

// The files of a folder with one of the extensions, in name order (the order does not depend
// on the file system).
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir,
                                            std::initializer_list<std::string_view> extensions) {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
        auto extension = entry.path().extension().string();
        if (std::find(extensions.begin(), extensions.end(), extension) != extensions.end())
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string bytes_of(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

Result<ProtocolRegistry> ProtocolRegistry::load(const std::filesystem::path& protocols_dir,
                                                const std::filesystem::path& calendars_dir) {
    ProtocolRegistry registry;
    registry.m_calendars = TRY(Calendars::load(calendars_dir));
    for (const auto& file : files_in(calendars_dir, {".yaml"})) {
        registry.mix_into_fingerprint(file.filename().string());
        registry.mix_into_fingerprint(bytes_of(file));
    }
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(protocols_dir, error)) {
        if (entry.path().extension() == ".yaml")
            files.push_back(entry.path());
    }
    if (error)
        return fail(Error::internal("cannot read the protocols folder " + protocols_dir.string()));
    std::string problems;
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        registry.mix_into_fingerprint(file.filename().string());
        registry.mix_into_fingerprint(bytes_of(file));
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

void ProtocolRegistry::mix_into_fingerprint(std::string_view bytes) {
    // FNV-1a over the length and the bytes, so that ("ab", "c") and ("a", "bc") differ.
    auto mix_byte = [this](unsigned char byte) {
        m_hash ^= byte;
        m_hash *= 0x100000001b3ULL;
    };
    for (int shift = 0; shift < 64; shift += 8)
        mix_byte(static_cast<unsigned char>(bytes.size() >> shift));
    for (char c : bytes)
        mix_byte(static_cast<unsigned char>(c));
    m_fingerprint = fmt::format("{:016x}", m_hash);
}

void ProtocolRegistry::add(Definition definition) {
    mix_into_fingerprint(definition.id + ":" + std::to_string(definition.version));
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

namespace {

// The sides of the steps whose `role` (the actor or the supervisor) is `institution_type`.
template <typename Definitions>
std::set<Side> sides_where(const Definitions& definitions, std::string StepDef::*role,
                           std::string_view institution_type) {
    std::set<Side> sides;
    for (const auto& [key, definition] : definitions) {
        for (const auto& step : definition.steps) {
            if (step.*role != institution_type)
                continue;
            sides.insert(step.side);
            for (const auto& [branch, side] : step.side_in_branch)
                sides.insert(side);
        }
    }
    return sides;
}

}  // namespace

std::set<Side> ProtocolRegistry::acting_sides(std::string_view institution_type) const {
    return sides_where(m_definitions, &StepDef::actor, institution_type);
}

std::set<Side> ProtocolRegistry::supervising_sides(std::string_view institution_type) const {
    return sides_where(m_definitions, &StepDef::supervisor, institution_type);
}

}  // namespace retorno::protocol
