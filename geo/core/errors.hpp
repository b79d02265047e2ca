#pragma once
// Exceptions that end a load. Per-record problems are not exceptions: they go to a LoadReport.
// Their messages never carry a database password (core/connection_text.hpp).
#include <stdexcept>
#include <string>

#include "core/connection_text.hpp"

namespace palliacarte::core {

/// @brief The configuration (file or command line) is wrong: the user must fix it. CLI exit code 2.
class ConfigError : public std::runtime_error {
  public:
    explicit ConfigError(const std::string& message)
        : std::runtime_error(without_password(message)) {}
};

/// @brief A data file cannot be used at all (missing, unreadable, wrong format). CLI exit code 3.
class DataError : public std::runtime_error {
  public:
    DataError(const std::string& file, const std::string& reason)
        : std::runtime_error(without_password(file + ": " + reason)),
          file_(without_password(file)),
          reason_(without_password(reason)) {}
    const std::string& file() const { return file_; }
    const std::string& reason() const { return reason_; }

  private:
    std::string file_;
    std::string reason_;
};

}  // namespace palliacarte::core
