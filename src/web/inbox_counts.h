#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace retorno::web {

// The inbox count of the navigation, kept per institution for a short while: counting replays
// the protocol state of every open case of the institution, too slow to repeat on every page.
// The inbox page itself always counts afresh and refreshes the entry; a page that records an
// event forgets them all. Events recorded elsewhere (the API, another process) show within
// kKeep.
class InboxCounts {
  public:
    static constexpr std::chrono::seconds kKeep{60};

    std::optional<std::size_t> find(const std::string& institution_id,
                                    std::chrono::steady_clock::time_point now) const;
    void put(const std::string& institution_id, std::size_t count,
             std::chrono::steady_clock::time_point now);
    // After an event: the tasks of any institution may have changed.
    void forget_all();

  private:
    struct Entry {
        std::size_t count = 0;
        std::chrono::steady_clock::time_point at;
    };
    mutable std::mutex m_mutex;
    std::map<std::string, Entry> m_entries;
};

// The one table of this process (institution ids are unique across deployments and tests).
InboxCounts& inbox_counts();

}  // namespace retorno::web
