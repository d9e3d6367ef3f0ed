#pragma once

// `retorno serve` as a real child process on a free loopback port, for tests that need several
// application processes sharing one database.

#include <gtest/gtest.h>

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "support/api/http_client.h"

namespace retorno::testing {

// A port that the kernel just gave out and nobody holds. Another process could take it before
// the server binds it; ServerProcess then tries again on another port.
inline unsigned short free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    unsigned short port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}

class ServerProcess {
  public:
    // Starts `retorno serve --data DATA` and waits until it answers /healthz. On failure the
    // test fails with the server's output and port() is 0.
    explicit ServerProcess(std::filesystem::path data) : m_data(std::move(data)) {
        for (int attempt = 0; attempt < 5 && m_port == 0; ++attempt) {
            unsigned short port = free_port();
            if (spawn(port) && wait_until_ready(port))
                m_port = port;
            else
                stop();
        }
        if (m_port == 0)
            ADD_FAILURE() << "retorno serve did not start:\n" << output();
    }
    ~ServerProcess() { stop(); }
    ServerProcess(const ServerProcess&) = delete;
    ServerProcess& operator=(const ServerProcess&) = delete;

    unsigned short port() const { return m_port; }
    HttpClient client() const { return HttpClient(m_port); }

    std::string output() const {
        std::ifstream in(log_file());
        std::stringstream text;
        text << in.rdbuf();
        return text.str();
    }

    // SIGTERM (a graceful shutdown), then SIGKILL if it does not end within 20 seconds.
    void stop() {
        if (m_pid <= 0)
            return;
        ::kill(m_pid, SIGTERM);
        for (int i = 0; i < 200; ++i) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
        m_pid = -1;
    }

  private:
    std::filesystem::path log_file() const { return m_data / "serve.log"; }

    bool spawn(unsigned short port) {
        std::string listen = "127.0.0.1:" + std::to_string(port);
        std::string log = log_file().string();
        std::string data = m_data.string();
        m_pid = ::fork();
        if (m_pid < 0)
            return false;
        if (m_pid == 0) {
            // The server dies with the test, even when the test itself crashes.
            ::prctl(PR_SET_PDEATHSIG, SIGKILL);
            FILE* out = std::freopen(log.c_str(), "a", stdout);
            if (out == nullptr)
                ::_exit(126);
            ::dup2(STDOUT_FILENO, STDERR_FILENO);
            ::execl(RETORNO_BINARY, RETORNO_BINARY, "serve", "--data", data.c_str(), "--listen",
                    listen.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        return true;
    }

    // Polls /healthz until it answers, the child exits (the port was taken), or 60 s passed.
    bool wait_until_ready(unsigned short port) {
        HttpClient client(port);
        for (int i = 0; i < 600; ++i) {
            if (::waitpid(m_pid, nullptr, WNOHANG) == m_pid) {
                m_pid = -1;
                return false;
            }
            if (client.get("/healthz").status == 200)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    }

    std::filesystem::path m_data;
    pid_t m_pid = -1;
    unsigned short m_port = 0;
};

}  // namespace retorno::testing
