#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "core/error.h"
#include "protocol/calendar.h"
#include "protocol/definition.h"

namespace retorno::protocol {

// Every protocol definition the server knows, by id and version, with the calendars their
// deadlines need. A case is pinned to (protocol_id, protocol_version) when it is opened, so a
// new version added here never changes a running case.
class ProtocolRegistry {
  public:
    // Loads every *.yaml of `protocols_dir` (variants after the baselines they extend) and every
    // calendar of `calendars_dir`. Fails with every problem when any file is invalid.
    static Result<ProtocolRegistry> load(const std::filesystem::path& protocols_dir,
                                         const std::filesystem::path& calendars_dir);
    // resource_root()/protocols and resource_root()/calendars.
    static Result<ProtocolRegistry> load_default();

    const Definition* find(std::string_view id, int version) const;
    const Definition* latest(std::string_view id) const;
    const Calendars& calendars() const { return m_calendars; }
    std::size_t size() const { return m_definitions.size(); }
    void add(Definition definition);

  private:
    std::map<std::pair<std::string, int>, Definition> m_definitions;
    Calendars m_calendars;
};

}  // namespace retorno::protocol
