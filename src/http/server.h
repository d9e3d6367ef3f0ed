#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/http_types.h"
#include "http/router.h"

namespace retorno::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;  // 0 picks a free port (tests)
    unsigned threads = 0;        // 0: one per core
    // Handlers call the store, which blocks (disk, database round trips, the audit append):
    // they run on their own pool so that the network threads keep serving meanwhile, and so
    // that concurrent audit appends can be committed together. 0 runs them on the network
    // threads (for comparison in benchmarks).
    unsigned handler_threads = 16;
    // Quick routes (store reads; see router.h) run on the network threads, their audit entries
    // committed by the audit trail's writer before the answer leaves, with no thread waiting for
    // the disk. For a store that answers reads from memory (SQLite); a store across the network
    // (PostgreSQL) would hold a network thread for each round trip, so it runs every handler on
    // the pool.
    bool quick_on_network_threads = true;
    Limits limits;
    std::chrono::seconds shutdown_grace{10};
    // PEM files of a certificate (chain) and its private key. When both are set the server
    // speaks only HTTPS (TLS 1.2 or later) and sends Strict-Transport-Security; when both are
    // empty it speaks plain HTTP. One without the other is refused by listen().
    std::string tls_certificate_file;
    std::string tls_key_file;
};

// The HTTP/1.1 server (Boost.Beast on Asio): one thread per core, keep-alive, limits on
// headers and bodies, request timeouts, and a graceful shutdown that lets in-flight requests
// finish. The socket machinery is hidden in server.cpp so that only one file pays for
// Beast's compile time.
class Server {
  public:
    Server(const Router& router, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Loads the TLS certificate and key (when given), binds and listens; after this, port() is
    // known.
    Status listen();
    unsigned short port() const;

    // Serves until shutdown() is called or SIGTERM/SIGINT arrives (when `handle_signals`),
    // then waits for in-flight requests and returns.
    enum class Signals { Handle, Ignore };
    void run(Signals signals);

    // Thread-safe; may be called from any thread or a signal watcher.
    void shutdown();

  private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace retorno::http
