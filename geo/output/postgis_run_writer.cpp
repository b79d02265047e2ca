#include "output/postgis_run_writer.hpp"

#include <cctype>

#include "core/errors.hpp"
#include "core/text_encoding.hpp"
#include "gdal/postgres_database.hpp"

namespace palliacarte::output {

namespace {

using gdal::PostgresDatabase;
using gdal::sql_identifier;
using gdal::sql_literal;

constexpr std::size_t kMaxSchemaBytes = 40;  // + "_staging" or "_2026_12_07_99" < 63

// The tables every run shares, created once per database, in one statement (one transaction):
// its advisory lock lets one of two first runs create them while the other waits, and a run
// takes no lock on the tables themselves before its swap.
void ensure_shared_tables(PostgresDatabase& db) {
    db.execute(
        "DO $pc$ BEGIN "
        "PERFORM pg_advisory_xact_lock(hashtext('palliacarte:tables'));"
        "IF to_regclass('palliacarte.runs') IS NULL THEN "
        " CREATE SCHEMA IF NOT EXISTS palliacarte;"
        " CREATE TABLE palliacarte.runs ("
        "  id bigserial PRIMARY KEY, schema_name text, territory text NOT NULL,"
        "  config_path text, config jsonb, run_date timestamptz NOT NULL, version text,"
        "  provenance jsonb, figures jsonb, written_at timestamptz NOT NULL DEFAULT now());"
        " COMMENT ON TABLE palliacarte.runs IS 'Analyses palliacarte : une ligne par exécution "
        "(schema_name : où sont ses couches ; vide quand une exécution plus récente l''a "
        "remplacée sans historique)';"
        "END IF;"
        // QGIS's own table, as QGIS creates it: it loads a layer's default style from it.
        "IF to_regclass('public.layer_styles') IS NULL THEN "
        " CREATE TABLE public.layer_styles ("
        "  id serial PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar,"
        "  f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml,"
        "  stylesld xml, useasdefault boolean, description text,"
        "  owner varchar(63) DEFAULT CURRENT_USER, ui xml,"
        "  update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar);"
        "END IF;"
        "END $pc$");
}

// Session-level: held until this connection ends. A second run on the schema says it waits.
bool lock_schema(PostgresDatabase& db, const std::string& schema,
                 const std::function<void(const std::string&)>& notice) {
    const std::string key = "hashtext(" + sql_literal("palliacarte:" + schema) + ")";
    if (db.query_value("SELECT pg_try_advisory_lock(" + key + ")::int") == "1") return false;
    if (notice)
        notice("le schéma " + schema +
               " est en cours d'écriture par une autre exécution : attente de sa fin…");
    db.query_value("SELECT pg_advisory_lock(" + key + ")::text");
    return true;
}

bool schema_exists(PostgresDatabase& db, const std::string& schema) {
    return db.query_value("SELECT 1 FROM pg_namespace WHERE nspname = " + sql_literal(schema))
        .has_value();
}

// <schema>_<date of the run it holds>, with _2, _3… when that day already has one.
std::string history_name(PostgresDatabase& db, const std::string& schema,
                         const std::string& today) {
    std::string day = db.query_value(
                            "SELECT to_char(run_date AT TIME ZONE 'UTC', 'YYYY_MM_DD') FROM "
                            "palliacarte.runs WHERE schema_name = " +
                            sql_literal(schema) + " ORDER BY id DESC LIMIT 1")
                          .value_or(today.substr(0, 10));
    for (char& c : day)
        if (c == '-') c = '_';
    std::string name = schema + "_" + day;
    for (int n = 2; schema_exists(db, name); ++n)
        name = schema + "_" + day + "_" + std::to_string(n);
    return name;
}

std::string xml_or_null(const std::string& text) {
    return text.empty() ? "NULL" : "XMLPARSE(DOCUMENT " + sql_literal(text) + ")";
}

std::string style_rows(const std::string& schema, const std::vector<model::Layer>& layers,
                       const std::vector<LayerStyle>& styles) {
    std::string sql;
    for (const auto& s : styles) {
        bool geometry = false;
        for (const auto& l : layers)
            if (l.name == s.layer) geometry = l.kind != model::GeometryKind::none;
        sql += std::string(sql.empty() ? "" : ",") + "(current_database()," + sql_literal(schema) +
               "," + sql_literal(s.layer) + "," + (geometry ? "'geom'" : "NULL") + "," +
               sql_literal(s.name) + "," + xml_or_null(s.qml) + "," + xml_or_null(s.sld) +
               ",true," + sql_literal(s.description) + ",'palliacarte')";
    }
    return sql;
}

// The previous run leaves (dropped, or renamed into history), the staging schema takes its
// name, and the styles and the run's row go in: one transaction.
void swap_in(PostgresDatabase& db, const PostgisTarget& target, const std::string& staging,
             const std::vector<model::Layer>& layers, const std::vector<LayerStyle>& styles,
             const PostgisRunRecord& run, PostgisWriteReport& report) {
    const std::string schema = sql_literal(target.schema);
    // One query string, BEGIN to COMMIT: the server runs it whole or not at all, even if this
    // process dies while it runs.
    std::string sql = "BEGIN;";
    if (schema_exists(db, target.schema)) {
        if (target.keep_history) {
            report.history_schema = history_name(db, target.schema, run.run_date);
            const std::string kept = sql_literal(report.history_schema);
            sql += "ALTER SCHEMA " + sql_identifier(target.schema) + " RENAME TO " +
                   sql_identifier(report.history_schema) + ";" +
                   "UPDATE public.layer_styles SET f_table_schema = " + kept +
                   " WHERE f_table_schema = " + schema +
                   " AND f_table_catalog = current_database();" +
                   "UPDATE palliacarte.runs SET schema_name = " + kept +
                   " WHERE schema_name = " + schema + ";";
        } else {
            sql += "DROP SCHEMA " + sql_identifier(target.schema) + " CASCADE;";
        }
    }
    if (!target.keep_history)
        sql += "DELETE FROM public.layer_styles WHERE f_table_schema = " + schema +
               " AND f_table_catalog = current_database();"
               "UPDATE palliacarte.runs SET schema_name = NULL WHERE schema_name = " +
               schema + ";";
    sql += "ALTER SCHEMA " + sql_identifier(staging) + " RENAME TO " +
           sql_identifier(target.schema) + ";";
    if (!styles.empty())
        sql +=
            "INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name,"
            " f_geometry_column, stylename, styleqml, stylesld, useasdefault, description,"
            " owner) VALUES " +
            style_rows(target.schema, layers, styles) + ";";
    sql +=
        "INSERT INTO palliacarte.runs (schema_name, territory, config_path, config, run_date,"
        " version, provenance, figures) VALUES (" +
        schema + "," + sql_literal(run.territory) + "," + sql_literal(run.config_path) + "," +
        sql_literal(run.config_json) + "::jsonb," + sql_literal(run.run_date) + "::timestamptz," +
        sql_literal(run.version) + "," + sql_literal(run.provenance_json) + "::jsonb," +
        sql_literal(run.figures_json) + "::jsonb);";
    db.execute(sql + "COMMIT;");
}

}  // namespace

void check_schema_name(const std::string& schema) {
    const auto fail = [&](const std::string& why) {
        throw core::ConfigError("--schema « " + schema + " » : " + why);
    };
    if (schema.empty()) fail("nom vide");
    if (schema.size() > kMaxSchemaBytes)
        fail("au plus " + std::to_string(kMaxSchemaBytes) +
             " caractères (place pour le suffixe de l'historique)");
    if (!(std::islower(static_cast<unsigned char>(schema[0])) || schema[0] == '_'))
        fail("doit commencer par une lettre minuscule ou « _ »");
    for (const char c : schema)
        if (!(std::islower(static_cast<unsigned char>(c)) ||
              std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
            fail("seuls les minuscules a-z, les chiffres et « _ » sont admis");
    if (schema.starts_with("pg_") || schema == "public" || schema == "palliacarte" ||
        schema == "information_schema")
        fail("nom réservé");
}

std::string default_schema_name(const std::string& territory_name) {
    std::string name = "palliacarte_";
    for (const char c : core::fold_for_matching(territory_name)) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 128)
            name += static_cast<char>(std::tolower(u));
        else if (name.back() != '_')
            name += '_';
    }
    while (name.back() == '_') name.pop_back();
    return name.substr(0, kMaxSchemaBytes);
}

PostgisWriteReport write_postgis_run(const PostgisTarget& target,
                                     const std::vector<model::Layer>& layers,
                                     const std::vector<LayerStyle>& styles,
                                     const PostgisRunRecord& run,
                                     const std::function<void(const std::string&)>& notice) {
    check_schema_name(target.schema);
    PostgresDatabase db(target.connection);
    PostgisWriteReport report;
    report.schema = target.schema;
    {
        core::StepClock t(report.timings, "postgis: lock");
        report.waited = lock_schema(db, target.schema, notice);
        ensure_shared_tables(db);
    }
    // A staging schema left by a killed run is this schema's (the lock says no one writes it).
    const std::string staging = target.schema + "_staging";
    db.execute("DROP SCHEMA IF EXISTS " + sql_identifier(staging) + " CASCADE; CREATE SCHEMA " +
               sql_identifier(staging));
    try {
        {
            core::StepClock t(report.timings, "postgis: layers into " + staging);
            for (const auto& layer : layers) {
                write_ogr_layer(db.dataset(), db.shown(), layer,
                                {"SCHEMA=" + staging, "GEOMETRY_NAME=geom", "SPATIAL_INDEX=GIST",
                                 "FID=fid", "LAUNDER=NO", "DESCRIPTION=" + layer.title});
                report.features += layer.features.size();
            }
            db.dataset().FlushCache();
        }
        core::StepClock t(report.timings, "postgis: swap");
        swap_in(db, target, staging, layers, styles, run, report);
    } catch (...) {
        try {
            db.execute("ROLLBACK");
        } catch (const core::DataError&) {  // no transaction open: nothing to undo
        }
        try {
            db.execute("DROP SCHEMA IF EXISTS " + sql_identifier(staging) + " CASCADE");
        } catch (const core::DataError&) {  // the connection is gone: the next run drops it
        }
        throw;
    }
    return report;
}

std::int64_t latest_run_id(const std::string& connection, const std::string& schema) {
    PostgresDatabase db(connection);
    // (Two queries: a query naming a missing table fails even in a branch not taken.)
    if (!db.query_value("SELECT 1 WHERE to_regclass('palliacarte.runs') IS NOT NULL")) return 0;
    const auto id = db.query_value(
        "SELECT coalesce(max(id), 0)::text FROM palliacarte.runs WHERE schema_name = " +
        sql_literal(schema));
    return id ? std::stoll(*id) : 0;
}

}  // namespace palliacarte::output
