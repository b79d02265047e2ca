#pragma once
// Runs a shell command from a test and gives back its exit status and output (stdout and
// stderr together): for end-to-end tests of the command line and of real clients (GDAL, QGIS).
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace palliacarte::test {

struct Outcome {
    int status = -1;  ///< exit code; -1 if killed or not run
    std::string out;
};

/// `merge_stderr` false drops stderr (for output parsed as JSON).
inline Outcome shell(const std::string& cmd, bool merge_stderr = true) {
    Outcome r;
    FILE* pipe = popen((cmd + (merge_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    if (!pipe) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
    const int st = pclose(pipe);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

}  // namespace palliacarte::test
