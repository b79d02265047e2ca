#pragma once
// Exceptions that end a load. Per-record problems are not exceptions: they go to a LoadReport.
#include <stdexcept>
#include <string>

namespace palliacarte::core {

/// @brief The configuration (file or command line) is wrong: the user must fix it. CLI exit code 2.
class ConfigError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// @brief A data file cannot be used at all (missing, unreadable, wrong format). CLI exit code 3.
class DataError : public std::runtime_error {
  public:
    DataError(const std::string& file, const std::string& reason)
        : std::runtime_error(file + ": " + reason), file_(file), reason_(reason) {}
    const std::string& file() const { return file_; }
    const std::string& reason() const { return reason_; }

  private:
    std::string file_;
    std::string reason_;
};

}  // namespace palliacarte::core
