#pragma once
// Database connection strings as they may be shown: with the password hidden. Every message,
// log line and output that names a connection goes through here.
#include <string>
#include <string_view>

namespace palliacarte::core {

/// @brief `text` with any password replaced by "***": the libpq keyword form
/// (`PG:dbname=x password=secret`, also quoted: `password='a b'`) and the URI form
/// (`postgresql://user:secret@host/db`, `?password=secret`).
std::string without_password(std::string_view text);

/// @brief True when `text` names a PostgreSQL database for GDAL (`PG:…`).
bool is_postgres_connection(std::string_view text);

}  // namespace palliacarte::core
