#pragma once
// SHA-256 of a file, to check a download against its manifest and its record.
#include <string>

namespace palliacarte::fetch {

/// @brief Lower-case hex SHA-256 of the file's bytes. @throws DataError if it cannot be read.
std::string sha256_of_file(const std::string& path);

}  // namespace palliacarte::fetch
