#pragma once
// The throwaway PostgreSQL + PostGIS cluster that CTest starts for the tests needing one
// (tests/tools/pg_cluster.sh, fixture `postgis` in tests/CMakeLists.txt): its GDAL connection
// string, read from the state file the fixture names in $PALLIACARTE_TEST_PG_STATE.
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>

namespace palliacarte::test {

/// `PG:host=… port=… user=postgres dbname=palliacarte_test`, or nullopt outside the fixture.
inline std::optional<std::string> test_database() {
    const char* state = std::getenv("PALLIACARTE_TEST_PG_STATE");
    if (!state || !*state) return std::nullopt;
    std::ifstream in(state);
    for (std::string line; std::getline(in, line);)
        if (line.starts_with("connection=")) return line.substr(11);
    return std::nullopt;
}

/// Skips the calling test (or fails it in CI, $CI set) when no test cluster runs: run it
/// through ctest, which starts the cluster first.
#define PALLIACARTE_REQUIRE_TEST_DATABASE()                                                    \
    do {                                                                                       \
        if (!::palliacarte::test::test_database()) {                                           \
            if (std::getenv("CI")) FAIL() << "no test PostgreSQL cluster (run through ctest)"; \
            GTEST_SKIP() << "needs the test PostgreSQL cluster: run through ctest";            \
        }                                                                                      \
    } while (0)

}  // namespace palliacarte::test
