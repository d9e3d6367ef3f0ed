#pragma once

// The definition of PostgresStore::with_connection, shared by the .cpp files that implement
// the store (postgres_store.cpp, postgres_access.cpp).

#include <pqxx/pqxx>

#include "store/postgres/postgres_store.h"

namespace retorno {

template <typename T, typename Body>
Result<T> PostgresStore::with_connection(Body&& body) {
    for (int attempt = 0;; ++attempt) {
        auto lease = TRY(m_pool.acquire());
        try {
            return body(*lease);
        } catch (const pqxx::broken_connection& e) {
            lease.discard();
            if (lease.freshness() == postgres::Freshness::Reused && attempt == 0)
                continue;
            return fail(postgres::database_error(e));
        } catch (const std::exception& e) {
            Error error = postgres::database_error(e);
            // A connection in an unknown state is not given to the next caller.
            if (error.code == ErrorCode::Unavailable)
                lease.discard();
            return fail(std::move(error));
        }
    }
}

}  // namespace retorno
