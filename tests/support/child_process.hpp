#pragma once
// A program run as a child process by a test, its stdout on a pipe: for servers that name the
// port they listen on in their first line (palliacarte serve, the download mirror). Killed when
// the object goes, unless the test stopped it itself.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace palliacarte::test {

class ChildProcess {
  public:
    /// @param argv the program (a path) and its arguments.
    explicit ChildProcess(const std::vector<std::string>& argv) {
        int fds[2];
        if (argv.empty() || pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            std::vector<char*> args;
            for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        close(fds[1]);
        out_ = fdopen(fds[0], "r");
        char line[1024];
        if (out_ && fgets(line, sizeof line, out_)) first_line_ = line;
    }
    ~ChildProcess() {
        if (pid_ > 0 && !stopped_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        if (out_) fclose(out_);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    /// @brief What the child printed first (empty if it printed nothing).
    const std::string& first_line() const { return first_line_; }

    /// @brief SIGTERM, then the exit status (-1 if it had not exited after 10 s).
    int stop() {
        kill(pid_, SIGTERM);
        for (int i = 0; i < 100; ++i) {
            int st = 0;
            if (waitpid(pid_, &st, WNOHANG) == pid_) {
                stopped_ = true;
                return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return -1;
    }

  private:
    pid_t pid_ = -1;
    FILE* out_ = nullptr;
    std::string first_line_;
    bool stopped_ = false;
};

}  // namespace palliacarte::test
