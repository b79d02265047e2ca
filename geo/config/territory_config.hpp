#pragma once
// A territory config file (JSON) describes one territory — "the Hauts-de-Seine", "Corse" — by
// naming its data sources, its CRS and its data root. See data/*.json and the README.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "config/config_choices.hpp"
#include "model/crow_fly_model.hpp"

namespace palliacarte::config {

/// @brief Commune boundaries: any OGR source; field names auto-detected unless given.
struct CommuneSourceConfig {
    std::string path;  ///< a file, or `PG:…` (a PostgreSQL/PostGIS database)
    std::string layer;
    std::string sql;  ///< instead of `layer`: the features a query returns (a database source)
    std::string code_field, name_field, population_field;  ///< empty: auto-detect
    std::string source_crs;                                ///< empty: the layer's own CRS
    std::vector<std::string> codes;  ///< keep only these current INSEE codes (empty: all)

    bool operator==(const CommuneSourceConfig&) const = default;
};

/// @brief Old → current INSEE codes (COG vintages differ between boundary and population files).
struct CrosswalkConfig {
    std::string path;
    std::string from_field, to_field;  ///< empty: the first two columns whose name starts "code"

    bool operator==(const CrosswalkConfig&) const = default;
};

/// @brief Population per commune: "etalab-communes-json" (decoupage-administratif
/// communes.json), "csv" (code,population) or "boundary-field" (the POPULATION of ADMIN EXPRESS).
struct PopulationConfig {
    PopulationFormat format = PopulationFormat::etalab_communes_json;
    std::string path;
    std::string code_field = {}, population_field = {};

    bool operator==(const PopulationConfig&) const = default;
};

/// @brief FINESS selection: establishments of these categories, or whose name matches the
/// pattern, become structures of `type`. Rules are tried in order; the first match wins.
struct FinessRule {
    std::string type;
    std::vector<std::string> categories;
    std::string name_pattern;     ///< ECMAScript regex, case-insensitive, on the raison sociale
    std::string exclude_pattern;  ///< ETs whose name matches are not selected (SMUR antennas…)
    /// finess-plus: activities exercised at the ET, "R4/N2" (activity/modality) or "R4" (any
    /// modality). Each rule with activities makes its own structure; capacity and declared zone
    /// come from the matching activities.
    std::vector<std::string> activities;
    /// finess-plus, rules by category: natures ("AMF"…) whose authorisations' zones d'intervention
    /// become the structure's declared zone (an HAD's, R6123-140).
    std::vector<std::string> zone_natures;

    std::string label = {};  ///< what the rule selects, for people reading the config

    bool operator==(const FinessRule&) const = default;
};

/// @brief One source of structures: "filiere-csv", "finess-etalab", "finess-flat", "finess-plus"
/// or "ogr".
struct StructureSourceConfig {
    StructureFormat format = StructureFormat::filiere_csv;
    std::string path;
    std::string structures_path;                ///< finess-plus: the establishments file
    std::string layer;                          ///< ogr
    std::string sql;                            ///< ogr: instead of `layer`
    std::vector<std::string> departements;      ///< finess-*: which départements to keep
    std::vector<FinessRule> rules;              ///< finess-*
    std::map<std::string, std::string> fields;  ///< ogr: our name → column ("id", "name", "type"…)
    std::string type;                           ///< ogr: one type for the whole layer
    std::string source_crs;                     ///< ogr: override the layer's CRS
    /// Establishments beyond structure_margin_km: "skip" (FINESS default: a national file holds
    /// the whole country) or "report" (default otherwise: a directory's position is wrong).
    OutsidePolicy outside = OutsidePolicy::report;

    bool operator==(const StructureSourceConfig&) const = default;
};

/// @brief A grouping of communes: "csv" (commune,territory) or "etalab-groupings" (ept.json,
/// epci.json).
struct TerritorySourceConfig {
    std::string name;
    std::string label;
    GroupingFormat format = GroupingFormat::csv;
    std::string path;
    std::string commune_field = {}, territory_field = {};

    bool operator==(const TerritorySourceConfig&) const = default;
};

/// @brief A road network. "osm": an OpenStreetMap .osm.pbf/.osm file (Geofabrik extract).
/// "ogr-links": any OGR line layer of road segments with a field
/// mapping (MATSim/eqasim link layers, BD TOPO-like layers, transport-model networks).
struct RoadSourceConfig {
    RoadFormat format = RoadFormat::ogr_links;
    /// One file, or several of the same format whose union is the network (neighbouring OSM
    /// extracts: shared ways and nodes are merged by their OSM ids; OGR link layers: by their
    /// node ids, or by shared end points). "path" in the config: a string or a list.
    std::vector<std::string> paths;
    std::string layer;
    std::string sql;    ///< ogr-links: instead of `layer` (one path: a database source)
    std::string where;  ///< OGR attribute filter, e.g. "car = 1"
    /// Our name → column: from_node, to_node (topology; else shared endpoints), length (metres,
    /// overrides the drawn length), class (road class for the profile), speed_kmh, direction.
    std::map<std::string, std::string> fields;
    /// "forward": each feature is one directed link; "both": two-way unless the direction field
    /// says otherwise (values in direction_values).
    LinkLayout direction = LinkLayout::forward;
    std::map<std::string, std::vector<std::string>>
        direction_values;  ///< both/forward/backward/closed
    /// Speed field values that are only the importer's default for a class (pt2matsim writes
    /// 15 km/h on every residential link): the profile's class speed is used instead.
    std::map<std::string, double> importer_default_speeds_kmh;
    /// Road class from other fields (BD TOPO NATURE/IMPORTANCE): ordered rules, all fields of
    /// `when` must match one of their values; the first matching rule gives the profile class.
    struct ClassRule {
        std::map<std::string, std::vector<std::string>> when;
        std::string road_class;
        bool operator==(const ClassRule&) const = default;
    };
    std::vector<ClassRule> class_rules;
    SpeedFieldKind speed_field_kind = SpeedFieldKind::limit;
    double default_speed_kmh = 30;      ///< links with no class and no speed
    std::string profile_path;           ///< resolved (relative to the config file)
    double snap_max_distance_m = 1000;  ///< points farther from every road are reported
    /// Degree-2 chains merged into single edges (times unchanged); false keeps every junction.
    bool merge_chains = true;
    /// "off_road": "out-of-reach" counts such points as beyond every threshold; by default
    /// ("count-with-time") they keep the time of their walk to the nearest road.
    bool off_road_out_of_reach = false;
    std::string source_crs;

    bool operator==(const RoadSourceConfig&) const = default;
};

/// @brief The web map's optional background (`web_map`): an XYZ raster URL template
/// ("https://…/{z}/{x}/{y}.png", IGN Géoplateforme WMTS in KVP form) or a MapLibre style URL,
/// with the attribution its licence asks for. Empty: no background, outlines only.
struct WebMapConfig {
    std::string basemap;
    std::string basemap_attribution;

    bool operator==(const WebMapConfig&) const = default;
};

struct TerritoryConfig {
    std::string name;              ///< "Hauts-de-Seine"
    std::string config_path;       ///< the file it was read from
    std::string data_root;         ///< resolved directory the relative paths start from
    std::string data_root_origin;  ///< "--data-root", "PALLIACARTE_DATA_ROOT", "config", "default"
    std::vector<std::string> departements;  ///< empty: every commune of the source
    int epsg = 2154;                        ///< working CRS (metres)
    bool crs_auto = true;             ///< chosen per département (overseas get their local CRS)
    double structure_margin_km = 30;  ///< structures farther than this outside are rejected
    std::string structure_types_path;

    CommuneSourceConfig communes;
    std::optional<CrosswalkConfig> crosswalk;
    std::optional<PopulationConfig> population;
    std::vector<StructureSourceConfig> structures;
    std::vector<TerritorySourceConfig> territories;
    std::optional<RoadSourceConfig> roads;  ///< empty: crow-fly model
    model::CrowFlyModel crow_fly;           ///< used when there is no road network
    std::string cache_dir;  ///< "cache_dir" or $PALLIACARTE_CACHE_DIR; empty: the user's cache dir

    /// "sources": vintage per source role ("communes", "population", "structures",
    /// "population_grid", "roads") as the publisher dates it, for every output.
    std::map<std::string, std::string> source_vintages;

    WebMapConfig web_map;

    nlohmann::json document;  ///< the whole file, for sections later stages read

    /// @brief A data path from the config: absolute as is, else under data_root. Every data
    /// path of the config (communes, population, structures, crosswalk, territories, roads,
    /// population grid) is resolved with it once, when the config is read; the road profile and
    /// the type table are found beside the config file (or shipped) instead.
    std::string resolve(const std::string& path) const;
    /// @brief A resolved data path as a planner wrote it: relative to data_root when under it.
    std::string as_written(const std::string& resolved) const;

    bool operator==(const TerritoryConfig&) const = default;
};

/// @brief Reads and validates a config file.
/// @param data_root_override from the command line; else the file's "data_root" (relative to
/// the file), else $PALLIACARTE_DATA_ROOT, else ../shared/data (relative to the working dir).
/// @throws ConfigError naming the file and the problem.
TerritoryConfig load_territory_config(const std::string& path,
                                      const std::optional<std::string>& data_root_override = {});

TerritoryConfig parse_territory_config(const nlohmann::json& doc, const std::string& path,
                                       const std::optional<std::string>& data_root_override = {});

/// The type table and road profile a config that names none uses.
inline constexpr const char* kDefaultStructureTypes = "structure-types.json";
inline constexpr const char* kDefaultRoadProfile = "profiles/car-fr.json";

/// @brief A file a config names relative to itself (`structure_types`, `roads.profile`): the
/// one beside the config at `config_path` if it exists, else the one shipped in data/.
std::string beside_config_or_shipped(const std::string& config_path, const std::string& relative);

/// @brief The `outside` policy of a source that gives none: skip for FINESS files (a national
/// file holds the whole country), report otherwise (a directory's position is wrong).
OutsidePolicy default_outside(StructureFormat format);

/// @brief Throws ConfigError unless `url` is empty, an http(s) MapLibre style URL or an XYZ
/// template naming {z}, {x} and {y}.
void check_basemap_url(const std::string& url);

/// @brief The `select` rules of a FINESS+ mapping file (data/finess-plus-activities.json).
std::vector<FinessRule> read_finess_rules(const std::string& path);

/// @brief The rules a `finess-plus` source without `select` uses: finess-plus-activities.json
/// beside the config at `config_path`, else the one shipped in data/.
std::vector<FinessRule> default_finess_plus_rules(const std::string& config_path);

}  // namespace palliacarte::config
