#include "gdal/postgres_database.hpp"

#include <ogrsf_frmts.h>

#include "core/connection_text.hpp"
#include "core/errors.hpp"
#include "gdal/ogr_source.hpp"

namespace palliacarte::gdal {

namespace {

// GDAL may quote the connection string in its messages: never its password.
std::string server_reason() {
    std::string reason = core::without_password(QuietGdalErrors::last_message());
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    return reason;
}

// SQL quoting: the quote character doubled inside.
std::string quoted_with(const std::string& text, char quote) {
    std::string out(1, quote);
    for (const char c : text) {
        if (c == quote) out += quote;
        out += c;
    }
    return out + quote;
}

}  // namespace

PostgresDatabase::PostgresDatabase(const std::string& connection)
    : shown_(core::without_password(connection)) {
    // LIST_ALL_TABLES=NO, one schema listed: no table scan on opening a large database.
    dataset_ = open_postgres(connection, true, {"LIST_ALL_TABLES=NO", "SCHEMAS=public"});
}

GDALDatasetUniquePtr open_postgres(const std::string& connection, bool update,
                                   const std::vector<std::string>& options) {
    register_gdal_drivers();
    QuietGdalErrors quiet;
    CPLErrorReset();
    const char* drivers[] = {"PostgreSQL", nullptr};
    std::vector<const char*> open_options;
    for (const auto& o : options) open_options.push_back(o.c_str());
    open_options.push_back(nullptr);
    GDALDatasetUniquePtr ds(GDALDataset::Open(
        connection.c_str(), GDAL_OF_VECTOR | (update ? GDAL_OF_UPDATE : GDAL_OF_READONLY), drivers,
        open_options.data(), nullptr));
    if (!ds)
        throw core::DataError(core::without_password(connection),
                              "base de données inaccessible : " + server_reason());
    return ds;
}

void PostgresDatabase::execute(const std::string& sql) {
    QuietGdalErrors quiet;
    CPLErrorReset();
    OGRLayer* result = dataset_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (result) dataset_->ReleaseResultSet(result);
    if (CPLGetLastErrorType() >= CE_Failure)
        throw core::DataError(shown_, "requête refusée : " + server_reason());
}

std::optional<std::string> PostgresDatabase::query_value(const std::string& sql) {
    QuietGdalErrors quiet;
    CPLErrorReset();
    OGRLayer* result = dataset_->ExecuteSQL(sql.c_str(), nullptr, nullptr);
    if (CPLGetLastErrorType() >= CE_Failure) {
        if (result) dataset_->ReleaseResultSet(result);
        throw core::DataError(shown_, "requête refusée : " + server_reason());
    }
    if (!result) return std::nullopt;
    std::optional<std::string> value;
    OGRFeatureUniquePtr row(result->GetNextFeature());
    if (row && row->GetFieldCount() > 0 && row->IsFieldSetAndNotNull(0))
        value = row->GetFieldAsString(0);
    dataset_->ReleaseResultSet(result);
    return value;
}

std::string sql_literal(const std::string& text) {
    return quoted_with(text, '\'');
}

std::string sql_identifier(const std::string& name) {
    return quoted_with(name, '"');
}

}  // namespace palliacarte::gdal
