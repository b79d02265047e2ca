#include "load/territory_loader.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <optional>

#include "config/analysis_config.hpp"
#include "core/cache_directory.hpp"
#include "core/connection_text.hpp"
#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "load/commune_cache.hpp"
#include "load/commune_loader.hpp"
#include "load/crosswalk.hpp"
#include "load/finess_establishment.hpp"
#include "load/population_loader.hpp"
#include "load/source_formats.hpp"
#include "load/structure_formats.hpp"
#include "load/structure_placement.hpp"
#include "load/territory_grouping_loader.hpp"
#include "roads/car_profile.hpp"
#include "roads/road_graph_cache.hpp"

namespace palliacarte::load {

namespace {

// A source parsed on another core while GDAL reads the commune boundaries (one thread; 2 s for
// a département taken from the national file). Its diagnostics wait in their own report and
// join the territory's where the source is used, so the report's order stays deterministic.
template <class T>
class Background {
  public:
    template <class Fn>
    explicit Background(Fn&& fn)
        : report_(std::make_unique<core::LoadReport>()),
          result_(std::async(std::launch::async,
                             [fn = std::forward<Fn>(fn), r = report_.get()] { return fn(*r); })) {}
    /// Waits for the value (rethrowing the source's error) and hands over the diagnostics.
    T take(core::LoadReport& into) {
        T value = result_.get();
        into.add_all(report_->entries());
        return value;
    }

  private:
    std::unique_ptr<core::LoadReport> report_;
    std::future<T> result_;
};

// What does not need the communes, read on other cores while they load.
struct BackgroundReads {
    std::optional<Background<PopulationTable>> population;
    std::vector<std::optional<Background<std::vector<FinessEstablishment>>>> finess;
};

BackgroundReads start_background_reads(const config::TerritoryConfig& config) {
    BackgroundReads reads;
    reads.finess.resize(config.structures.size());
    // A population file (not the communes' own field) is read meanwhile.
    if (config.population) {
        const PopulationReader& reader = population_reader(config.population->format);
        if (reader.read_table) {
            const config::PopulationConfig pc = *config.population;
            reads.population.emplace([pc, &reader](core::LoadReport& report) {
                return reader.read_table(pc.path, pc, report);
            });
        }
    }
    for (std::size_t i = 0; i < config.structures.size(); ++i) {
        const auto& source = config.structures[i];
        const StructureReader& format = structure_reader(source.format);
        if (!format.read_establishments) continue;
        // A FINESS source that skips what lies beyond the margin reads every département: the
        // margin keeps the neighbours' establishments that serve the territory (Cantal's HAD
        // are based in the départements around it), where a département filter dropped them.
        const auto departements = !source.departements.empty() ? source.departements
                                  : source.outside == config::OutsidePolicy::skip
                                      ? std::vector<std::string>{}
                                      : config.departements;
        reads.finess[i].emplace([source, departements, &format](core::LoadReport& report) {
            return format.read_establishments(source, departements, report);
        });
    }
    return reads;
}

// The boundaries, from the commune cache when the file and filters are unchanged.
void load_commune_step(model::Territory& t, const config::TerritoryConfig& config,
                       const Crosswalk* crosswalk, const core::ProgressFn& progress) {
    CommuneLoadOptions opt;
    opt.source = config.communes;
    opt.source.path = config.communes.path;
    opt.departements = config.departements;
    opt.codes = config.communes.codes;
    opt.epsg = config.epsg;
    opt.epsg_per_departement = config.crs_auto;
    opt.crosswalk = crosswalk;
    opt.progress = progress;
    // Cached extract: the boundary file is parsed again only when it or the filters change. A
    // database table has no date to key a cache on: it is read each time.
    const bool cacheable = !core::is_postgres_connection(opt.source.path);
    const std::string key = cacheable ? commune_cache_key(config, opt) : "";
    const std::string cache_file = cacheable
                                       ? core::cache_directory(config.cache_dir, config.data_root) +
                                             "/communes-" + key + ".bin"
                                       : "";
    const auto t0 = std::chrono::steady_clock::now();
    std::optional<CachedCommunes> cached;
    if (cacheable) cached = read_commune_cache(cache_file, key);
    if (cached) {
        t.load.timings.push_back(
            {"communes.cache (read " + cache_file + ")",
             std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()});
    } else {
        cached.emplace();
        core::LoadReport report;
        cached->result = load_communes(opt, report);
        cached->diagnostics = report.entries();
        const auto& r = cached->result;
        t.load.timings.push_back({"communes.read (GDAL)", r.read_seconds});
        t.load.timings.push_back(
            {"communes.reproject_validate (PROJ+GEOS)", r.reproject_validate_seconds});
        t.load.timings.push_back({"communes.dissolve (GEOS union)", r.dissolve_seconds});
        if (cacheable && !r.communes.empty() && !write_commune_cache(cache_file, key, *cached))
            t.load.report.warn(cache_file, "", "cache_not_written",
                               "cache des communes impossible à écrire (la suite se fait sans)");
    }
    t.load.report.add_all(std::move(cached->diagnostics));
    auto& result = cached->result;
    t.communes = std::move(result.communes);
    t.load.commune_stats = {core::without_password(opt.source.path),
                            result.code_field,
                            result.name_field,
                            result.population_field,
                            result.source_crs,
                            result.features_read,
                            result.features_rejected,
                            result.invalid_repaired,
                            result.merged_communes};
    if (t.communes.empty())
        throw core::DataError(opt.source.path,
                              config.departements.empty()
                                  ? "aucune commune n'a pu être chargée"
                                  : "aucune commune des départements configurés dans ce fichier");
}

// Each commune's population: from the population source, the boundaries' field, or the grid.
void join_population_step(model::Territory& t, const config::TerritoryConfig& config,
                          BackgroundReads& reads) {
    PopulationJoinSummary s;
    // No commune population at all: the analysis section's grid, if it names one, is the
    // population (parsed as the analysis parses it).
    const bool none = !config.population && t.load.commune_stats.population_field.empty();
    const auto grid = none ? config::parse_analysis_config(config).population_grid : std::nullopt;
    if (grid) {
        // Only a grid: it is the population. Nothing is missing, so nothing to warn about
        // commune by commune; the analysis counts each commune's inhabitants from its cells.
        t.population.from_grid = true;
        t.load.population_stats.source = "grille carroyée " + grid->path +
                                         " (pas de population communale dans la config : "
                                         "habitants comptés par commune à l'analyse)";
        t.load.report.info(grid->path, "", "population_from_grid",
                           "aucune population communale configurée : la population est celle de "
                           "la grille carroyée, comptée commune par commune à l'analyse");
    } else if (!reads.population) {  // none, or the boundaries' own field
        t.load.population_stats.source =
            t.load.commune_stats.population_field.empty()
                ? "aucune (ni source de population dans la config, ni champ de population)"
                : "champ " + t.load.commune_stats.population_field + " des contours";
        s = summarize_boundary_population(t.communes, t.load.commune_stats.path, t.load.report);
    } else {
        const std::string& path = config.population->path;
        const PopulationTable table = reads.population->take(t.load.report);
        t.load.population_stats.source = path;
        s = join_population(t.communes, table, config.departements, path, t.load.report,
                            config.communes.codes);
    }
    t.load.population_stats.communes_with_population = s.communes_with_population;
    t.population.total = s.total_population;
    t.load.population_stats.communes_without_population = std::move(s.communes_without_population);
    t.load.population_stats.population_without_polygon = std::move(s.population_without_polygon);
    t.load.population_stats.inhabitants_without_polygon = s.inhabitants_without_polygon;
}

// Every structure source, placed in the communes (FINESS sources through their rules).
void load_structure_step(model::Territory& t, const config::TerritoryConfig& config,
                         BackgroundReads& reads, const core::ProgressFn& progress) {
    StructurePlacer placer(t.communes, config.epsg, config.structure_margin_km * 1000,
                           config.crs_auto);
    for (std::size_t i = 0; i < config.structures.size(); ++i) {
        const auto& source = config.structures[i];
        const std::string& path = source.path;
        model::StructureSourceSummary summary{core::without_password(path),
                                              std::string(config::name_of(source.format))};
        const std::size_t before = t.structures.size();
        if (progress) progress("structures : lecture de " + summary.path, 0, 0);
        const StructureReader& format = structure_reader(source.format);
        if (format.read_structures) {
            format.read_structures(source, path, t.types, placer, t.structures, t.load.report);
        } else {
            const auto ets = reads.finess[i]->take(t.load.report);
            summary.records = ets.size();
            summary.selected = select_finess_structures(
                ets, source.rules, t.types, placer, t.structures, t.load.report, path,
                source.outside == config::OutsidePolicy::skip);
        }
        summary.kept = t.structures.size() - before;
        if (format.read_structures) summary.records = summary.selected = summary.kept;
        t.load.structure_sources.push_back(summary);
    }
    warn_shared_positions(t.structures, t.load.report);
}

void load_grouping_step(model::Territory& t, const config::TerritoryConfig& config) {
    t.groupings.push_back(departement_grouping(t.communes));
    for (const auto& g : config.territories)
        t.groupings.push_back(load_territory_grouping(g, g.path, t.communes, t.load.report));
}

// The road graph, from the road cache when the files, roads section and profile are unchanged.
void load_road_step(model::Territory& t, const config::TerritoryConfig& config,
                    const core::ProgressFn& progress) {
    config::RoadSourceConfig roads = *config.roads;
    // Binary cache: keyed by the source file, the roads section and the profile's text.
    // The profile is read once, and parsed only when the graph has to be built.
    const auto t0 = std::chrono::steady_clock::now();
    const std::string profile_text = core::read_config_file(roads.profile_path, "road profile");
    t.car_profile = std::make_shared<const roads::CarProfile>(
        roads::CarProfile::from_json_text(profile_text, roads.profile_path));
    std::vector<std::string> written;
    for (const auto& p : roads.paths) written.push_back(config.as_written(p));
    // A network read from a database is built each time (no file date to key a cache on), and
    // its snap rasters are not kept either (empty cache_file).
    bool cacheable = true;
    for (const auto& p : roads.paths) cacheable = cacheable && !core::is_postgres_connection(p);
    const std::string key =
        cacheable ? roads::road_cache_key(roads.paths, config.document["roads"].dump(),
                                          profile_text, config.epsg)
                  : "";
    const std::string cache_file =
        cacheable
            ? core::cache_directory(config.cache_dir, config.data_root) + "/roads-" + key + ".bin"
            : "";
    t.road_access = {roads::joined_paths(written), roads.snap_max_distance_m,
                     roads.off_road_out_of_reach, cache_file};
    // What the build warned of (rejected links, speeds, cut ways, dropped islands) is kept
    // with the graph and said again on a cache hit: a cached run's report loses nothing.
    std::vector<core::Diagnostic> diagnostics;
    bool cache_written = true;
    std::optional<roads::RoadGraph> cached;
    if (cacheable) cached = roads::read_road_cache(cache_file, key, t.load.road_stats, diagnostics);
    if (cached) {
        t.roads = std::make_shared<const roads::RoadGraph>(std::move(*cached));
        t.load.road_stats.from_cache = true;
        t.load.road_stats.path = roads::joined_paths(roads.paths);
        t.load.road_stats.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } else {
        const roads::CarProfile& profile = *t.car_profile;
        core::LoadReport report;
        t.roads = std::make_shared<const roads::RoadGraph>(
            road_reader(roads.format)
                .read(roads, config.epsg, profile, t.load.road_stats, report, progress));
        t.load.road_stats.build_seconds = t.load.road_stats.seconds;
        diagnostics = report.entries();
        cache_written = !cacheable || roads::write_road_cache(cache_file, key, *t.roads,
                                                              t.load.road_stats, diagnostics);
    }
    t.load.report.add_all(std::move(diagnostics));
    if (!cache_written)
        t.load.report.warn(cache_file, "", "cache_not_written",
                           "cache du graphe routier impossible à écrire (la suite se fait sans)");
}

}  // namespace

model::Territory load_territory(const config::TerritoryConfig& config,
                                const core::ProgressFn& progress) {
    return load_territory(config, model::StructureTypeTable::load(config.structure_types_path),
                          progress);
}

// Stages in order; the communes come first, the sources that do not need them read meanwhile.
model::Territory load_territory(const config::TerritoryConfig& config,
                                model::StructureTypeTable types, const core::ProgressFn& progress) {
    model::Territory t;
    t.name = config.name;
    t.epsg = config.epsg;
    t.config_path = config.config_path;
    t.crow_fly = config.crow_fly;
    t.types = std::move(types);

    std::optional<Crosswalk> crosswalk;
    if (config.crosswalk) {
        core::StepClock timer(t.load.timings, "crosswalk");
        crosswalk = Crosswalk::load(config.crosswalk->path, *config.crosswalk, t.load.report);
    }
    BackgroundReads reads = start_background_reads(config);
    {
        core::StepClock timer(t.load.timings, "communes");
        load_commune_step(t, config, crosswalk ? &*crosswalk : nullptr, progress);
    }
    {
        core::StepClock timer(t.load.timings, "population");
        join_population_step(t, config, reads);
    }
    {
        core::StepClock timer(t.load.timings, "structures");
        load_structure_step(t, config, reads, progress);
    }
    {
        core::StepClock timer(t.load.timings, "territories");
        load_grouping_step(t, config);
    }
    if (config.roads) {
        core::StepClock timer(t.load.timings, "roads");
        load_road_step(t, config, progress);
    }
    return t;
}

}  // namespace palliacarte::load
