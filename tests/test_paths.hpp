#pragma once
// Where tests find the real data and the project's configs, and a scratch directory for the
// tiny inputs tests write themselves.
#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace palliacarte::test {

inline std::string source_dir() {
    return PALLIACARTE_SOURCE_DIR;
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
    return source_dir() + "/data/" + name;
}
inline std::string structure_types() {
    return config("structure-types.json");
}

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
