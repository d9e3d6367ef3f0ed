#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "core/error.h"

namespace retorno::postgres {

// Whether a lent connection had been used before, so that a caller knows whether a broken
// connection may merely be a stale one left over from before a server restart.
enum class Freshness { New, Reused };

// A fixed-size pool of PostgreSQL connections. Connections are opened lazily, up to `size`;
// each new one is set up by `setup` (session settings and prepared statements). A connection
// that broke is discarded rather than returned, so that the pool reconnects by itself when the
// server comes back.
class ConnectionPool {
  public:
    using Setup = std::function<void(pqxx::connection&)>;

    ConnectionPool(std::string conninfo, int size, Setup setup);
    ~ConnectionPool();
    ConnectionPool(const ConnectionPool&) = delete;
    ConnectionPool& operator=(const ConnectionPool&) = delete;

    // One connection lent to one caller; it goes back to the pool when the lease ends, unless
    // the caller discarded it.
    class Lease {
      public:
        Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> connection,
              Freshness freshness);
        ~Lease();
        Lease(Lease&& other) noexcept;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;

        pqxx::connection& operator*() { return *m_connection; }
        Freshness freshness() const { return m_freshness; }
        // Closes the connection instead of returning it: it is broken or in an unknown state.
        void discard();

      private:
        ConnectionPool* m_pool;
        std::unique_ptr<pqxx::connection> m_connection;
        Freshness m_freshness;
    };

    // A connection, waiting for one to be returned when all are lent. Unavailable when the
    // server cannot be reached or no connection comes back in time.
    Result<Lease> acquire();

    // Closes the idle connections, e.g. before the database is dropped.
    void close_idle();

  private:
    void give_back(std::unique_ptr<pqxx::connection> connection);
    void forget_one();

    std::string m_conninfo;
    int m_size;
    Setup m_setup;
    std::mutex m_mutex;
    std::condition_variable m_returned;
    std::vector<std::unique_ptr<pqxx::connection>> m_idle;
    int m_open = 0;  // idle, lent, and being opened
};

// The Error for an exception thrown by libpqxx. Server text goes to `detail` only.
Error database_error(const std::exception& exception);

}  // namespace retorno::postgres
