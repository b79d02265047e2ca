#pragma once
// The local mirror of the official download sites (tools/mirror_server.py) as a child process
// on a free loopback port, for the fetch tests. Stopped when the object goes.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "test_paths.hpp"

namespace palliacarte::test {

class MirrorServer {
  public:
    /// @param options passed to mirror_server.py after ROOT (--log, --cut-once, …)
    MirrorServer(const std::string& root, const std::vector<std::string>& options) {
        int fds[2];
        if (pipe(fds) != 0) return;
        pid_ = fork();
        if (pid_ == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            const std::string script = source_dir() + "/tests/tools/mirror_server.py";
            std::vector<const char*> argv = {"/usr/bin/python3", script.c_str(), root.c_str()};
            for (const auto& o : options) argv.push_back(o.c_str());
            argv.push_back(nullptr);
            execv(argv[0], const_cast<char* const*>(argv.data()));
            _exit(127);
        }
        close(fds[1]);
        FILE* out = fdopen(fds[0], "r");
        char line[64] = "";
        if (out && fgets(line, sizeof line, out))
            base_ = "http://127.0.0.1:" + std::string(line, std::strcspn(line, "\n"));
        if (out) fclose(out);
    }
    ~MirrorServer() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            waitpid(pid_, nullptr, 0);
        }
    }
    MirrorServer(const MirrorServer&) = delete;
    MirrorServer& operator=(const MirrorServer&) = delete;
    /// @brief "http://127.0.0.1:PORT"; empty if it did not start.
    const std::string& base() const { return base_; }

  private:
    pid_t pid_ = -1;
    std::string base_;
};

}  // namespace palliacarte::test
