#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace retorno::testing {

// A program started by a test, killed when the object goes out of scope, so that no server
// outlives a failed test.
class ChildProcess {
  public:
    explicit ChildProcess(std::vector<std::string> argv);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void kill(int signal);
    // Waits for the process to end; answers its exit status, or 128 + the signal.
    int wait();
    pid_t pid() const { return m_pid; }

  private:
    pid_t m_pid = -1;
};

// Runs a program to completion and answers its exit status.
int run_program(const std::vector<std::string>& argv);

// A loopback port that was free a moment ago.
unsigned short free_port();

// Waits until GET /healthz answers 200 on the port, up to `seconds`. False when it never does.
bool wait_until_healthy(unsigned short port, int seconds);

}  // namespace retorno::testing
