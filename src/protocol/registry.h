#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
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
    // The sides on which some step of a loaded definition names `institution_type` as its
    // actor (its own side, or one that a branch moves it to): where an institution of that type
    // may have a task in a case (access::CasePolicy lists those cases, then asks each one's
    // protocol state).
    std::set<Side> acting_sides(std::string_view institution_type) const;
    // The same for the steps that name `institution_type` as their supervisor, to which a task
    // is escalated when it is overdue (supervising_institutions).
    std::set<Side> supervising_sides(std::string_view institution_type) const;
    const Calendars& calendars() const { return m_calendars; }
    std::size_t size() const { return m_definitions.size(); }
    void add(Definition definition);
    // Names the definitions and calendars loaded, as 16 hex digits: a hash of every file's name
    // and bytes (and of the id and version of each definition added by hand), and of the form
    // of the projections (kProjectionForm). Projections derived from the protocol state (the
    // open tasks) record it, and are derived again when it changes, as when a holiday is added
    // to a calendar or a projection keeps something more.
    const std::string& fingerprint() const { return m_fingerprint; }

    ProtocolRegistry() { mix_into_fingerprint(kProjectionForm); }

  private:
    // Changed whenever what the open-tasks projection keeps changes (2: the parties say whether
    // the origin has been notified, migration 6), so that heads written before are stale.
    static constexpr std::string_view kProjectionForm = "open-tasks projection, form 2";

    void mix_into_fingerprint(std::string_view bytes);

    std::map<std::pair<std::string, int>, Definition> m_definitions;
    Calendars m_calendars;
    std::uint64_t m_hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
    std::string m_fingerprint;
};

}  // namespace retorno::protocol
