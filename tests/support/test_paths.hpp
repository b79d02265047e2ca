#pragma once
// Where tests find the real data and the project's configs, and a scratch directory for the
// tiny inputs tests write themselves.
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace palliacarte::test {

// A reference to one string, not a fresh one per call: GCC 12 warns (-Warray-bounds, a false
// positive) when a temporary built from a literal this long is concatenated.
inline const std::string& source_dir() {
    static const std::string dir = PALLIACARTE_SOURCE_DIR;
    return dir;
}

/// $PALLIACARTE_DATA_ROOT, else ../shared/data next to the checkout.
inline std::string data_root() {
    if (const char* env = std::getenv("PALLIACARTE_DATA_ROOT"); env && *env) return env;
    return (std::filesystem::path(source_dir()) / ".." / "shared" / "data")
        .lexically_normal()
        .string();
}

inline std::string data(const std::string& relative) {
    return data_root() + "/" + relative;
}
inline std::string config(const std::string& name) {
    // Appended, not chained with +: GCC 12 warns (-Warray-bounds) on the inlined temporaries.
    std::string path = source_dir();
    path.append("/data/").append(name);
    return path;
}
/// The demo configs bring their own data (data/demo/); the others read the national data root.
inline std::optional<std::string> data_root_for(const std::string& config_name) {
    if (config_name == "hauts-de-seine.json" || config_name == "corse.json") return std::nullopt;
    return data_root();
}
inline std::string structure_types() {
    return config("structure-types.json");
}

/// Skips the calling test when the national data tree is missing, naming it, so that a clone
/// without ../shared runs every test that does not need it; in CI ($CI set) a missing tree fails.
#define PALLIACARTE_REQUIRE_SHARED_DATA()                                                       \
    do {                                                                                        \
        if (!std::filesystem::is_directory(::palliacarte::test::data_root())) {                 \
            if (std::getenv("CI"))                                                              \
                FAIL() << "national data tree missing: " << ::palliacarte::test::data_root();   \
            GTEST_SKIP() << "needs the national data tree " << ::palliacarte::test::data_root() \
                         << " (set PALLIACARTE_DATA_ROOT): skipped";                            \
        }                                                                                       \
    } while (0)

/// A fresh directory under the system temp dir, removed at destruction.
class ScratchDir {
  public:
    explicit ScratchDir(const std::string& name) {
        path_ = std::filesystem::temp_directory_path() /
                ("palliacarte-test-" + name + "-" + std::to_string(::getpid()));
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    /// Writes bytes exactly as given (so Latin-1 stays Latin-1).
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream out(file(name), std::ios::binary);
        out << bytes;
        return file(name);
    }
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace palliacarte::test
