#include "store/postgres/connection_pool.h"

#include <chrono>

#include <pqxx/pqxx>

namespace retorno::postgres {

namespace {

// How long a caller waits for a lent connection to come back before the request fails. It is
// long enough for any healthy transaction and short enough that a request never hangs.
constexpr auto kAcquireTimeout = std::chrono::seconds(30);

Error unavailable(std::string detail) {
    return Error::make(ErrorCode::Unavailable, "The database cannot be reached.",
                       std::move(detail));
}

// The SQLSTATE of a server error. libpqxx 6.4 leaves it empty for some of the exception classes
// it maps states to (insufficient_privilege, for one), so the class stands in for it there.
std::string sqlstate_of(const pqxx::sql_error& error) {
    if (!error.sqlstate().empty())
        return error.sqlstate();
    if (dynamic_cast<const pqxx::insufficient_privilege*>(&error) != nullptr)
        return "42501";
    if (dynamic_cast<const pqxx::unique_violation*>(&error) != nullptr)
        return "23505";
    if (dynamic_cast<const pqxx::foreign_key_violation*>(&error) != nullptr)
        return "23503";
    if (dynamic_cast<const pqxx::serialization_failure*>(&error) != nullptr)
        return "40001";
    if (dynamic_cast<const pqxx::deadlock_detected*>(&error) != nullptr)
        return "40P01";
    if (dynamic_cast<const pqxx::insufficient_resources*>(&error) != nullptr)
        return "53000";
    return {};
}

}  // namespace

Error database_error(const std::exception& exception) {
    if (dynamic_cast<const pqxx::broken_connection*>(&exception) != nullptr) {
        return unavailable(exception.what());
    }
    if (dynamic_cast<const pqxx::in_doubt_error*>(&exception) != nullptr) {
        return Error::make(ErrorCode::Unavailable,
                           "The database connection was lost while a change was being committed; "
                           "check whether it was recorded before trying again.",
                           exception.what());
    }
    if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&exception); sql != nullptr) {
        const std::string state = sqlstate_of(*sql);
        // Class 08 is "connection exception"; 57P0x is an administrator or crash shutdown;
        // 53xxx means the server is out of a resource such as connections.
        if (state.starts_with("08") || state.starts_with("57P") || state.starts_with("53")) {
            return unavailable(exception.what());
        }
        if (state == "40001" || state == "40P01") {
            return Error::make(ErrorCode::Conflict,
                               "The change collided with a concurrent one; try again.",
                               exception.what());
        }
        // A unique or foreign-key constraint refused the change; the caller knows which
        // constraints its statement can meet and refines the message.
        if (state == "23505" || state == "23503") {
            return Error::make(ErrorCode::Conflict,
                               "The change conflicts with data already stored.", exception.what());
        }
        if (state == "42501") {
            return Error::make(ErrorCode::Internal,
                               "The database role lacks a privilege that retorno needs.",
                               exception.what());
        }
    }
    return Error::internal(exception.what());
}

ConnectionPool::ConnectionPool(std::string conninfo, int size, Setup setup)
    : m_conninfo(std::move(conninfo)), m_size(size < 1 ? 1 : size), m_setup(std::move(setup)) {}

ConnectionPool::~ConnectionPool() = default;

ConnectionPool::Lease::Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> connection,
                             Freshness freshness)
    : m_pool(&pool), m_connection(std::move(connection)), m_freshness(freshness) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : m_pool(std::exchange(other.m_pool, nullptr)),
      m_connection(std::move(other.m_connection)),
      m_freshness(other.m_freshness) {}

ConnectionPool::Lease::~Lease() {
    if (m_pool == nullptr)
        return;
    if (m_connection) {
        m_pool->give_back(std::move(m_connection));
    } else {
        m_pool->forget_one();
    }
}

void ConnectionPool::Lease::discard() {
    if (!m_connection)
        return;
    try {
        m_connection->disconnect();
    } catch (const std::exception&) {
        // A connection that cannot even be closed cleanly is dropped all the same.
    }
    m_connection.reset();
}

Result<ConnectionPool::Lease> ConnectionPool::acquire() {
    {
        std::unique_lock lock(m_mutex);
        bool ready = m_returned.wait_for(lock, kAcquireTimeout,
                                         [&] { return !m_idle.empty() || m_open < m_size; });
        if (!ready) {
            return fail(Error::make(ErrorCode::Unavailable,
                                    "The database is busy; try again shortly.",
                                    "no pooled connection was returned in time"));
        }
        if (!m_idle.empty()) {
            auto connection = std::move(m_idle.back());
            m_idle.pop_back();
            return Lease(*this, std::move(connection), Freshness::Reused);
        }
        ++m_open;
    }
    // Connecting takes a round trip or a timeout, so it happens outside the lock.
    try {
        auto connection = std::make_unique<pqxx::connection>(m_conninfo);
        m_setup(*connection);
        return Lease(*this, std::move(connection), Freshness::New);
    } catch (const std::exception& e) {
        forget_one();
        return fail(database_error(e));
    }
}

void ConnectionPool::close_idle() {
    std::vector<std::unique_ptr<pqxx::connection>> closing;
    {
        std::lock_guard lock(m_mutex);
        closing.swap(m_idle);
        m_open -= static_cast<int>(closing.size());
    }
    for (auto& connection : closing) {
        try {
            connection->disconnect();
        } catch (const std::exception&) {
            // Closing is best effort; the server drops the session when the socket goes.
        }
    }
    m_returned.notify_all();
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> connection) {
    {
        std::lock_guard lock(m_mutex);
        m_idle.push_back(std::move(connection));
    }
    m_returned.notify_one();
}

void ConnectionPool::forget_one() {
    {
        std::lock_guard lock(m_mutex);
        --m_open;
    }
    m_returned.notify_one();
}

}  // namespace retorno::postgres
