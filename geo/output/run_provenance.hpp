#pragma once
// What a run rests on, written into every output (report.md, GeoPackage metadata, the GeoJSON
// files' `metadata` member, metadata.json beside the CSVs, the service's landing page): the
// config, the date, palliacarte's version, each source with its vintage, the time model and
// its parameters, the thresholds. A figure forwarded to a committee can be traced back.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/time_model.hpp"
#include "cartography/page_credits.hpp"

namespace palliacarte::model {
struct Territory;
}  // namespace palliacarte::model

namespace palliacarte::config {
struct TerritoryConfig;
}  // namespace palliacarte::config

namespace palliacarte::analysis {
struct CoverageAnalysis;
}  // namespace palliacarte::analysis

namespace palliacarte::output {

struct SourceProvenance {
    std::string role;          ///< "communes", "population", "structures", "population_grid"…
    std::string label;         ///< French: « Contours des communes »
    std::string path;          ///< as the config names it
    std::string format;        ///< "etalab-communes-json", "finess-etalab"…
    std::string vintage;       ///< « extraction FINESS du 2021-01-08 »; empty: unknown
    std::string vintage_from;  ///< « config (sources.structures) », « en-tête du fichier »
};

struct RunProvenance {
    std::string territory;
    std::string config_file;
    std::string run_date;  ///< UTC, ISO 8601
    std::string version;   ///< palliacarte's
    std::vector<SourceProvenance> sources;
    analysis::TimeModel time_model = analysis::TimeModel::road;
    std::string time_model_label;    ///< French, as every output says it
    nlohmann::json time_parameters;  ///< speed, detour, realism factor, snap limit…
    std::vector<std::pair<std::string, double>> thresholds_min;  ///< per analysed type
    bool area_only = false;

    nlohmann::ordered_json to_json() const;
    /// @brief The « Sources et méthode » section of report.md (French).
    std::string markdown() const;
    /// @brief One line for a landing page or a print footer: « Sources : … ».
    std::string sources_line() const;
    /// @brief Attribution a map must carry (ODbL for OpenStreetMap roads only when roads ran).
    std::string attribution() const;
    /// @brief What the printed maps say about the run.
    cartography::PageCredits page_credits() const;
};

/// @brief Reads what the config and the files say. `run_date` empty: now.
RunProvenance make_run_provenance(const config::TerritoryConfig& config,
                                  const model::Territory& territory,
                                  const analysis::CoverageAnalysis& analysis,
                                  const std::string& run_date = {});

/// @brief The text shown when a vintage is unknown.
constexpr const char* kUnknownVintage = "millésime non renseigné (clé `sources` de la config)";

/// @brief palliacarte's version (CMake project version).
const char* palliacarte_version();

}  // namespace palliacarte::output
