#pragma once
// The download manifest (data/download-manifest.json): which official file gives what, from
// which publisher, under which licence and vintage, and how to take what an analysis needs out
// of it. Addresses live there, not in code.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace palliacarte::fetch {

/// @brief One file to take out of a downloaded archive.
struct ManifestExtract {
    std::string from;    ///< archive under the fetch folder; empty: the source's own file
    std::string member;  ///< entry name (full path or file name)
    std::string to;      ///< where it goes, under the fetch folder
    std::string commune_codes_column;  ///< keep rows whose codes (5 characters each) are in the
                                       ///< départements
    std::string grid_id_column;        ///< keep cells ("CRS3035RES…mN…E…") near the communes
};

struct ManifestSource {
    std::string id, variant, option, title, publisher, licence, vintage;
    std::string url, file;  ///< may hold {departement} or {region}
    std::string merge_into;
    /// Monthly files under a new name each time: `url` is then the dataset's data.gouv.fr API
    /// document, and the newest resource whose title matches `resolve_title` is fetched.
    std::string resolve_title;
    std::optional<std::uint64_t> size;
    std::string sha256;
    std::vector<ManifestExtract> extract;
    std::map<std::string, std::vector<std::string>> regions;  ///< Geofabrik region → départements
    /// With `margin_from` (a CSV beside the manifest: departement, voisin, distance_km): per
    /// département, its neighbours and the distance between their outlines, so that a region
    /// is fetched when a département within the structure margin lies in it.
    std::map<std::string, std::vector<std::pair<std::string, double>>> neighbours;
    nlohmann::json population_grid;  ///< the config block an analysis of this grid uses
};

struct DownloadManifest {
    std::string path;
    std::vector<ManifestSource> sources;
};

/// @brief `shipped_data_dir`: where the tables a manifest names (margin_from) are found when
/// they are not beside it (a manifest written elsewhere, e.g. for a mirror).
/// @throws ConfigError naming the file and the entry.
DownloadManifest load_download_manifest(const std::string& path,
                                        const std::string& shipped_data_dir = "");

/// @brief One download of the plan: a source, for one département or region or for all.
struct PlannedDownload {
    const ManifestSource* source = nullptr;
    std::string url;
    std::string file;  ///< under the fetch folder
    std::string part;  ///< the département or region it is for; empty for national files
    std::vector<std::string> margin_departements;  ///< a region fetched for these neighbours
};

struct FetchChoice {
    std::vector<std::string> departements;  ///< normalised INSEE codes
    bool with_roads = false;
    double margin_km = 30;  ///< regions of the départements this close are fetched too
    std::string grid = "filosofi-200m";  ///< population-grid variant; "none" for no grid
    std::string mirror;  ///< replaces "https://HOST" by "MIRROR/HOST" (tests, caches)
};

/// @brief "https://HOST/…" as served by `mirror` ("MIRROR/HOST/…"); unchanged without one.
std::string through_mirror(const std::string& url, const std::string& mirror);

/// @brief The downloads, in manifest order. @throws ConfigError for an unknown grid variant or
/// a département no Geofabrik region holds (with roads).
std::vector<PlannedDownload> plan_downloads(const DownloadManifest& manifest,
                                            const FetchChoice& choice);

}  // namespace palliacarte::fetch
