#pragma once
// What every fuzz target shares: the fuzzer's bytes written to a file (the loaders read paths),
// the repository's data directory, and the rule for what a target may let through. A reader
// refusing bad input with its documented error (ConfigError, DataError, a 4xx ProblemError) is
// correct; anything else escaping — another exception, a crash, a sanitizer report — is a bug
// libFuzzer reports and keeps the input of. (Requests: fuzz_request.hpp.)
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>

#include "core/errors.hpp"

namespace palliacarte::fuzz {

/// The checkout's data/ (demo territories, structure types, car profile).
inline std::string data_dir() {
    return std::string(PALLIACARTE_SOURCE_DIR) + "/data";
}

/// @brief Writes `bytes` to a file of this process named with `suffix` (the loaders pick the
/// format by extension) and returns its path. One file per suffix, overwritten each run.
inline std::string input_file(const std::uint8_t* data, std::size_t size,
                              const std::string& suffix) {
    const char* tmp = std::getenv("TMPDIR");
    const std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/palliacarte-fuzz-" +
                             std::to_string(getpid()) + suffix;
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

/// @brief Runs `read`; the errors a reader documents for bad input are expected.
template <class F>
void expecting_input_errors(F&& read) {
    try {
        read();
    } catch (const core::ConfigError&) {
    } catch (const core::DataError&) {
    }
}

}  // namespace palliacarte::fuzz
