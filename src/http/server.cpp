#include "http/server.h"

#include <algorithm>
#include <array>
#include <condition_variable>
#include <list>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>

#include "http/problem.h"
#include "http/response_head.h"

namespace retorno::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace {

constexpr auto kAsTuple = asio::as_tuple(use_awaitable);

Request to_request(const bhttp::request<bhttp::string_body>& in, const std::string& remote) {
    Request out;
    out.method = std::string(in.method_string());
    out.remote_address = remote;
    auto parsed = boost::urls::parse_origin_form(in.target());
    if (parsed) {
        out.path = parsed->path();
        for (auto param : parsed->params()) {
            out.query.emplace(param.key, param.value);
        }
    } else {
        out.path = std::string(in.target());
    }
    for (const auto& field : in) {
        std::string name(field.name_string());
        for (auto& c : name)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(field.value());
    }
    out.body = in.body();
    return out;
}

// Writes a response: its head from response_head and its body, in one gather write.
template <typename Stream>
awaitable<boost::system::error_code> write_response(Stream& stream, const Response& response,
                                                    unsigned version, bool keep_alive,
                                                    Transport transport) {
    const std::string head = response_head(response, version, keep_alive, transport);
    std::array<asio::const_buffer, 2> buffers{asio::buffer(head), status_has_body(response.status)
                                                                      ? asio::buffer(response.body)
                                                                      : asio::const_buffer{}};
    auto [ec, written] = co_await asio::async_write(stream, buffers, kAsTuple);
    (void)written;
    co_return ec;
}

}  // namespace

struct Server::Impl {
    struct Session {
        beast::tcp_stream* stream = nullptr;
        bool busy = false;  // a request is being handled or its response written
    };

    const Router& router;
    ServerOptions options;
    std::unique_ptr<asio::ssl::context> tls;  // set when serving HTTPS
    // One event loop per network thread. A connection stays on the loop it was accepted for,
    // so its steps need no strand and the network threads never wake one another: on a
    // machine of few cores each such wake-up costs more than parsing the request.
    std::vector<std::unique_ptr<asio::io_context>> loops;
    asio::io_context& io;  // the first loop, which also accepts and handles signals
    // The other loops have nothing to wait for until a connection comes; these keep them
    // running until shutdown.
    std::vector<asio::executor_work_guard<asio::io_context::executor_type>> waiting_loops;
    std::size_t next_loop = 0;  // used by the accept loop only
    asio::thread_pool handlers;
    tcp::acceptor acceptor{io};
    asio::signal_set signals{io};
    asio::steady_timer grace{io};
    std::atomic<bool> stopping{false};
    std::mutex sessions_mutex;
    std::list<Session> sessions;
    // Deferred work started and not yet reported back: run() returns only when it is none, so
    // that no report reaches a server that is gone.
    std::mutex settling_mutex;
    std::condition_variable settled_all;
    std::size_t settling = 0;

    Impl(const Router& r, ServerOptions o)
        : router(r),
          options(std::move(o)),
          loops(make_loops(options)),
          io(*loops.front()),
          handlers(std::max(1u, options.handler_threads)) {
        for (std::size_t i = 1; i < loops.size(); ++i)
            waiting_loops.push_back(asio::make_work_guard(*loops[i]));
    }

    static std::vector<std::unique_ptr<asio::io_context>> make_loops(const ServerOptions& o) {
        unsigned count =
            o.threads != 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
        std::vector<std::unique_ptr<asio::io_context>> made;
        for (unsigned i = 0; i < count; ++i)
            made.push_back(std::make_unique<asio::io_context>(1));
        return made;
    }

    // Answers on the network thread a Quick route (and every route when there are no handler
    // threads); else runs the router on the handler pool and resumes the connection's
    // coroutine with the response on its own executor.
    awaitable<Response> dispatch(Request& request) {
        if (options.handler_threads == 0)
            co_return router.dispatch(request);
        if (options.quick_on_network_threads && router.work_of(request) == Work::Quick) {
            auto quick = router.dispatch_quick(request);
            if (quick.settle && !co_await settled(std::move(quick.settle))) {
                co_return problem_response(
                    Error::make(ErrorCode::Unavailable,
                                "This access could not be recorded in the audit trail, so "
                                "nothing is shown. Try again in a moment."),
                    request.path);
            }
            co_return std::move(quick.response);
        }
        co_return co_await asio::co_spawn(
            handlers,
            [this, &request]() -> awaitable<Response> { co_return router.dispatch(request); },
            asio::use_awaitable);
    }

    // Starts the deferred work and suspends the connection's coroutine, without holding its
    // thread, until the work reports back (from the thread that finished it).
    awaitable<bool> settled(Settle settle) {
        co_return co_await asio::async_initiate<decltype(use_awaitable), void(bool)>(
            [this, &settle](auto handler) {
                {
                    std::lock_guard lock(settling_mutex);
                    ++settling;
                }
                // Keeps the connection's loop running (through a graceful shutdown too) until
                // the connection has its answer.
                asio::any_io_executor loop =
                    asio::get_associated_executor(handler, io.get_executor());
                auto busy = std::make_shared<asio::executor_work_guard<asio::any_io_executor>>(
                    asio::make_work_guard(loop));
                auto waiting = std::make_shared<decltype(handler)>(std::move(handler));
                settle([this, waiting, busy](bool stored) mutable {
                    {
                        // Every handle on the server's executors is let go of before the count
                        // falls: once it reaches zero the server may be destroyed.
                        auto executor = asio::get_associated_executor(*waiting, io.get_executor());
                        asio::post(executor, [waiting = std::move(waiting), stored]() mutable {
                            (*waiting)(stored);
                        });
                    }
                    busy.reset();
                    std::lock_guard lock(settling_mutex);
                    if (--settling == 0)
                        settled_all.notify_all();
                });
            },
            use_awaitable);
    }

    awaitable<void> accept_loop() {
        for (;;) {
            auto& loop = *loops[next_loop++ % loops.size()];
            auto [ec, socket] = co_await acceptor.async_accept(loop.get_executor(), kAsTuple);
            if (ec) {
                if (stopping)
                    co_return;
                spdlog::warn("accept failed: {}", ec.message());
                continue;
            }
            auto executor = socket.get_executor();
            asio::co_spawn(executor, serve(std::move(socket)), asio::detached);
        }
    }

    awaitable<void> serve(tcp::socket socket) {
        std::string remote;
        {
            boost::system::error_code ec;
            auto endpoint = socket.remote_endpoint(ec);
            if (!ec)
                remote = endpoint.address().to_string();
        }
        beast::tcp_stream plain(std::move(socket));
        if (!tls) {
            co_await serve_requests(plain, plain, remote, Transport::Plain);
            co_return;
        }
        beast::ssl_stream<beast::tcp_stream> stream(std::move(plain), *tls);
        stream.next_layer().expires_after(options.limits.request_timeout);
        auto [handshake_ec] =
            co_await stream.async_handshake(asio::ssl::stream_base::server, kAsTuple);
        if (handshake_ec) {
            // A client that does not speak TLS, or a scanner: nothing to answer.
            spdlog::debug("TLS handshake failed: {}", handshake_ec.message());
            co_return;
        }
        co_await serve_requests(stream, stream.next_layer(), remote, Transport::Tls);
        stream.next_layer().expires_after(std::chrono::seconds(5));
        co_await stream.async_shutdown(kAsTuple);
    }

    template <typename Stream>
    awaitable<void> serve_requests(Stream& stream, beast::tcp_stream& lowest,
                                   const std::string& remote, Transport transport) {
        std::list<Session>::iterator self;
        {
            std::lock_guard lock(sessions_mutex);
            self = sessions.insert(sessions.end(), Session{&lowest, false});
        }
        beast::flat_buffer buffer;
        for (;;) {
            if (stopping)
                break;
            bhttp::request_parser<bhttp::string_body> parser;
            parser.header_limit(static_cast<std::uint32_t>(options.limits.header_bytes));
            parser.body_limit(options.limits.body_bytes);
            lowest.expires_after(options.limits.request_timeout);
            auto [ec, bytes] = co_await bhttp::async_read(stream, buffer, parser, kAsTuple);
            (void)bytes;
            if (ec) {
                std::optional<Error> refusal;
                if (ec == bhttp::error::header_limit) {
                    refusal =
                        Error::make(ErrorCode::HeadersTooLarge,
                                    "The request headers exceed " +
                                        std::to_string(options.limits.header_bytes) + " bytes.");
                } else if (ec == bhttp::error::body_limit) {
                    refusal =
                        Error::make(ErrorCode::PayloadTooLarge,
                                    "The request body exceeds " +
                                        std::to_string(options.limits.body_bytes) + " bytes.");
                } else if (ec == beast::error::timeout && buffer.size() > 0) {
                    refusal =
                        Error::make(ErrorCode::Timeout, "The request was not received in time.");
                }
                if (refusal) {
                    // The connection is closed after the answer: the rest of the request
                    // cannot be trusted to be where the parser stopped.
                    const Response answer = problem_response(*refusal, "");
                    lowest.expires_after(std::chrono::seconds(5));
                    co_await write_response(stream, answer, 11, false, transport);
                }
                break;
            }
            {
                std::lock_guard lock(sessions_mutex);
                self->busy = true;
            }
            auto& beast_request = parser.get();
            auto started = std::chrono::steady_clock::now();
            Request request = to_request(beast_request, remote);
            Response response = co_await dispatch(request);
            auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                std::chrono::steady_clock::now() - started);
            // Only the method, path and status are logged: paths carry case ids, never names.
            spdlog::debug("{} {} {} {}us", request.method, request.path, response.status,
                          elapsed.count());
            bool keep_alive = beast_request.keep_alive() && !stopping;
            lowest.expires_after(options.limits.request_timeout);
            auto write_ec = co_await write_response(stream, response, beast_request.version(),
                                                    keep_alive, transport);
            {
                std::lock_guard lock(sessions_mutex);
                self->busy = false;
            }
            if (write_ec || !keep_alive)
                break;
        }
        if (transport == Transport::Plain) {
            boost::system::error_code ignored;
            lowest.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
        std::lock_guard lock(sessions_mutex);
        sessions.erase(self);
        if (stopping && sessions.empty())
            asio::post(io, [this] { grace.cancel(); });
    }

    void begin_shutdown() {
        if (stopping.exchange(true))
            return;
        spdlog::info("shutting down: finishing in-flight requests");
        boost::system::error_code ignored;
        acceptor.close(ignored);
        signals.cancel(ignored);
        // A loop now runs until its connections have ended.
        for (auto& guard : waiting_loops)
            guard.reset();
        std::lock_guard lock(sessions_mutex);
        for (auto& session : sessions) {
            // Idle connections are waiting for a next request that will not be served; busy
            // ones finish their response and then close because `stopping` is set.
            if (!session.busy) {
                // The session may end on its own before this runs, destroying its stream; the
                // lambda runs on the session's loop, so looking it up again is race-free.
                auto* stream = session.stream;
                asio::post(stream->get_executor(), [this, stream] {
                    std::lock_guard relock(sessions_mutex);
                    for (const auto& alive : sessions) {
                        if (alive.stream == stream) {
                            stream->cancel();
                            return;
                        }
                    }
                });
            }
        }
        if (sessions.empty())
            return;
        grace.expires_after(options.shutdown_grace);
        grace.async_wait([this](boost::system::error_code ec) {
            if (!ec) {
                spdlog::warn("shutdown grace period over; closing remaining connections");
                for (auto& loop : loops)
                    loop->stop();
            }
        });
    }
};

Server::Server(const Router& router, ServerOptions options)
    : m_impl(std::make_unique<Impl>(router, std::move(options))) {}

Server::~Server() = default;

Status Server::listen() {
    boost::system::error_code ec;
    const auto& cert = m_impl->options.tls_certificate_file;
    const auto& key = m_impl->options.tls_key_file;
    if (cert.empty() != key.empty()) {
        return fail(Error::invalid("tls",
                                   "TLS needs both a certificate and its key (--tls-cert "
                                   "and --tls-key)."));
    }
    if (!cert.empty()) {
        auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
        context->set_options(asio::ssl::context::default_workarounds |
                                 asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                                 asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1 |
                                 asio::ssl::context::single_dh_use,
                             ec);
        if (!ec)
            context->use_certificate_chain_file(cert, ec);
        if (!ec)
            context->use_private_key_file(key, asio::ssl::context::pem, ec);
        if (ec) {
            // The detail names the file, never the key's content.
            return fail(Error::make(ErrorCode::Unavailable,
                                    "The TLS certificate or key cannot be loaded.",
                                    cert + ", " + key + ": " + ec.message()));
        }
        m_impl->tls = std::move(context);
    }
    auto address = asio::ip::make_address(m_impl->options.host, ec);
    if (ec) {
        return fail(
            Error::invalid("listen", "'" + m_impl->options.host + "' is not an IP address."));
    }
    tcp::endpoint endpoint{address, m_impl->options.port};
    auto& acceptor = m_impl->acceptor;
    acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(endpoint, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail(Error::make(ErrorCode::Unavailable,
                                "Cannot listen on " + m_impl->options.host + ":" +
                                    std::to_string(m_impl->options.port) + ": " + ec.message()));
    }
    return {};
}

unsigned short Server::port() const {
    return m_impl->acceptor.local_endpoint().port();
}

void Server::run(Signals signals) {
    auto& impl = *m_impl;
    if (signals == Signals::Handle) {
        impl.signals.add(SIGTERM);
        impl.signals.add(SIGINT);
        impl.signals.async_wait([&impl](boost::system::error_code ec, int) {
            if (!ec)
                impl.begin_shutdown();
        });
    }
    asio::co_spawn(impl.acceptor.get_executor(), impl.accept_loop(), asio::detached);
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < impl.loops.size(); ++i)
        threads.emplace_back([loop = impl.loops[i].get()] { loop->run(); });
    impl.io.run();
    for (auto& t : threads)
        t.join();
    impl.handlers.join();
    std::unique_lock lock(impl.settling_mutex);
    impl.settled_all.wait(lock, [&impl] { return impl.settling == 0; });
}

void Server::shutdown() {
    asio::post(m_impl->io, [impl = m_impl.get()] { impl->begin_shutdown(); });
}

}  // namespace retorno::http
