#pragma once
// A PostgreSQL/PostGIS database reached through GDAL's PostgreSQL driver (one connection, one
// session: advisory locks and transactions hold for as long as the object lives). SQL goes
// through GDALDataset::ExecuteSQL; messages never show the connection's password.
#include <gdal_priv.h>

#include <optional>
#include <string>
#include <vector>

namespace palliacarte::gdal {

class PostgresDatabase {
  public:
    /// @brief Connects to `connection` (`PG:dbname=… host=… user=…`), for writing.
    /// @throws DataError (the database cannot be reached) naming the connection without its
    /// password and giving the server's reason.
    explicit PostgresDatabase(const std::string& connection);

    /// @brief Runs statements that return no rows. @throws DataError with the server's reason.
    void execute(const std::string& sql);
    /// @brief The first column of the first row as text; nullopt when there is no row or NULL.
    std::optional<std::string> query_value(const std::string& sql);

    GDALDataset& dataset() { return *dataset_; }
    /// The connection as it may be shown (password hidden).
    const std::string& shown() const { return shown_; }

  private:
    GDALDatasetUniquePtr dataset_;
    std::string shown_;
};

/// @brief Opens a PostgreSQL/PostGIS database (`PG:…`) with GDAL's PostgreSQL driver and its
/// open `options` (NAME=VALUE), for writing when `update`.
/// @throws DataError « base de données inaccessible » with the server's reason, neither
/// showing the password.
GDALDatasetUniquePtr open_postgres(const std::string& connection, bool update,
                                   const std::vector<std::string>& options);

/// @brief `text` as an SQL string literal ('…', quotes doubled).
std::string sql_literal(const std::string& text);
/// @brief `name` as an SQL identifier ("…", quotes doubled).
std::string sql_identifier(const std::string& name);

}  // namespace palliacarte::gdal
