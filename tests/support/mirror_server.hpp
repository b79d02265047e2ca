#pragma once
// The local mirror of the official download sites (tools/mirror_server.py) on a free loopback
// port, for the fetch tests.
#include <string>
#include <vector>

#include "child_process.hpp"
#include "test_paths.hpp"

namespace palliacarte::test {

class MirrorServer {
  public:
    /// @param options passed to mirror_server.py after ROOT (--log, --cut-once, …)
    MirrorServer(const std::string& root, const std::vector<std::string>& options)
        : process_(arguments(root, options)) {
        const std::string port = process_.first_line().substr(0, process_.first_line().find('\n'));
        if (!port.empty()) base_ = "http://127.0.0.1:" + port;
    }
    /// @brief "http://127.0.0.1:PORT"; empty if it did not start.
    const std::string& base() const { return base_; }

  private:
    static std::vector<std::string> arguments(const std::string& root,
                                              const std::vector<std::string>& options) {
        std::vector<std::string> argv = {"/usr/bin/python3",
                                         source_dir() + "/tests/tools/mirror_server.py", root};
        argv.insert(argv.end(), options.begin(), options.end());
        return argv;
    }
    ChildProcess process_;
    std::string base_;
};

}  // namespace palliacarte::test
