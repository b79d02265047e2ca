#include "analysis/population_points.hpp"

#include <algorithm>
#include <boost/geometry/index/rtree.hpp>
#include <stdexcept>

#include "analysis/cell_piece_cache.hpp"
#include "core/french_format.hpp"
#include "core/parallel.hpp"
#include "geos/geos_context.hpp"

namespace palliacarte::analysis {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace {

// The centroid when it lies inside (most pieces), else GEOS's point on surface.
model::Point representative_point(const model::MultiPolygon& mp, const geos::GeosContext& geos) {
    model::Point c;
    bg::centroid(mp, c);
    if (bg::covered_by(c, mp)) return c;
    geos::GeosGeometry g = geos.to_geos(mp);
    geos::GeosGeometry p = geos.wrap(g ? GEOSPointOnSurface_r(geos.handle(), g.get()) : nullptr);
    double x = 0, y = 0;
    if (p && GEOSGeomGetX_r(geos.handle(), p.get(), &x) &&
        GEOSGeomGetY_r(geos.handle(), p.get(), &y))
        return {x, y};
    return c;
}

// Prepared commune geometries of one worker (GEOS prepared geometries build their indexes
// lazily and must not be shared between threads).
class PreparedCommunes {
  public:
    PreparedCommunes(const geos::GeosContext& geos, const std::vector<geos::GeosGeometry>& communes)
        : geos_(geos), communes_(communes), prepared_(communes.size(), nullptr) {}
    ~PreparedCommunes() {
        for (auto* p : prepared_)
            if (p) GEOSPreparedGeom_destroy_r(geos_.handle(), p);
    }
    PreparedCommunes(const PreparedCommunes&) = delete;
    PreparedCommunes& operator=(const PreparedCommunes&) = delete;
    const GEOSPreparedGeometry* get(std::uint32_t c) {
        if (!prepared_[c]) prepared_[c] = GEOSPrepare_r(geos_.handle(), communes_[c].get());
        return prepared_[c];
    }

  private:
    const geos::GeosContext& geos_;
    const std::vector<geos::GeosGeometry>& communes_;
    std::vector<const GEOSPreparedGeometry*> prepared_;
};

// Cuts one cell by the communes whose box meets it (GEOS overlay: robust on the touching
// boundaries of neighbouring communes, where Boost's overlay may give up). Most cells lie
// wholly inside one commune: a prepared "contains" settles those without an overlay.
void cut_cell(const model::PopulationCell& cell, std::int32_t index,
              const std::vector<geos::GeosGeometry>& commune_geos, const geos::GeosContext& geos,
              PreparedCommunes& prepared,
              const bgi::rtree<std::pair<model::Box, std::uint32_t>, bgi::quadratic<16>>& tree,
              std::vector<CellPiece>& out) {
    const double cell_area = bg::area(cell.square);
    model::Box box;
    bg::envelope(cell.square, box);
    std::vector<std::pair<model::Box, std::uint32_t>> hits;
    tree.query(bgi::intersects(box), std::back_inserter(hits));
    const geos::GeosGeometry square = geos.to_geos(model::MultiPolygon{cell.square});
    const auto h = geos.handle();
    for (const auto& [b, c] : hits) {
        if (GEOSPreparedContains_r(h, prepared.get(c), square.get()) == 1) {
            model::Point centre;
            bg::centroid(cell.square, centre);
            out.push_back({c, index, centre, cell_area, 1.0});
            return;  // communes do not overlap: the cell is wholly this commune's
        }
    }
    for (const auto& [b, c] : hits) {
        if (GEOSPreparedIntersects_r(h, prepared.get(c), square.get()) != 1) continue;
        geos::GeosGeometry part =
            geos.wrap(GEOSIntersection_r(h, square.get(), commune_geos[c].get()));
        if (!part) continue;
        const model::MultiPolygon piece = geos.to_multipolygon(part.get());
        const double a = bg::area(piece);
        if (a <= cell_area * 1e-6) continue;
        out.push_back({c, index, representative_point(piece, geos), std::min(a, cell_area),
                       std::min(1.0, a / cell_area)});
    }
}

// The grid's cells cut by the communes of CRS `epsg`, on all cores.
std::vector<CellPiece> cut_cells(const std::vector<model::Commune>& communes, int epsg,
                                 const std::vector<model::PopulationCell>& cells,
                                 const core::ProgressFn& progress) {
    std::vector<CellPiece> pieces;
    std::vector<std::pair<model::Box, std::uint32_t>> boxes;
    for (std::uint32_t c = 0; c < communes.size(); ++c)
        if (communes[c].epsg == epsg)  // overseas in a national run: proxy
            boxes.emplace_back(communes[c].bbox, c);
    if (!boxes.empty()) {
        const bgi::rtree<std::pair<model::Box, std::uint32_t>, bgi::quadratic<16>> tree(boxes);
        const std::size_t workers = core::worker_count(cells.size() / 256 + 1);
        // One GEOS context per worker; commune geometries are converted once and only read,
        // their lazily cached envelopes filled before the workers share them.
        std::vector<std::unique_ptr<geos::GeosContext>> contexts;
        for (std::size_t w = 0; w < workers; ++w)
            contexts.push_back(std::make_unique<geos::GeosContext>());
        std::vector<geos::GeosGeometry> commune_geos(communes.size());
        for (const auto& [b, c] : boxes) {
            commune_geos[c] = contexts[0]->to_geos(communes[c].geometry);
            contexts[0]->cache_envelopes(commune_geos[c].get());
        }
        std::vector<std::unique_ptr<PreparedCommunes>> prepared;
        for (std::size_t w = 0; w < workers; ++w)
            prepared.push_back(std::make_unique<PreparedCommunes>(*contexts[w], commune_geos));
        std::vector<std::vector<CellPiece>> per_worker(workers);
        core::ProgressTicker ticker(progress, "population : découpage des carreaux par commune",
                                    cells.size(), 20000);
        std::atomic<std::size_t> done{0};
        core::parallel_for(cells.size(), workers, [&](std::size_t i, std::size_t w) {
            cut_cell(cells[i], static_cast<std::int32_t>(i), commune_geos, *contexts[w],
                     *prepared[w], tree, per_worker[w]);
            const std::size_t d = ++done;
            if (w == 0) ticker.tick(d);
        });
        ticker.finish(cells.size());
        for (auto& v : per_worker) pieces.insert(pieces.end(), v.begin(), v.end());
    }
    return pieces;
}

}  // namespace

PopulationPoints build_population_points(const model::Territory& territory,
                                         const config::AnalysisConfig& config,
                                         core::LoadReport& report,
                                         const core::ProgressFn& progress) {
    PopulationPoints out;
    const auto& communes = territory.communes;
    const int epsg = territory.epsg;
    std::vector<CellPiece> pieces;

    if (config.population_grid) {
        if (!territory.population_grid)
            throw std::logic_error("population grid named but not loaded (load_analysis_inputs)");
        out.method = "grid";
        out.source = territory.population_grid->path;
        out.grid = territory.population_grid;
        const std::vector<model::PopulationCell>& cells = out.grid->cells;
        const std::string key =
            config.cache_dir.empty() ? "" : cell_piece_cache_key(communes, epsg, cells);
        const std::string file =
            key.empty() ? "" : config.cache_dir + "/population-pieces-" + key + ".bin";
        if (auto cached = file.empty()
                              ? std::nullopt
                              : read_cell_pieces(file, key, communes.size(), cells.size())) {
            pieces = std::move(*cached);
            out.pieces_from_cache = true;
        } else {
            pieces = cut_cells(communes, epsg, cells, progress);
            // A cache that cannot be written only costs the next run the cut.
            if (!file.empty()) write_cell_pieces(file, key, pieces);
        }
    } else {
        out.method = "commune_point";
        out.source = "point représentatif de chaque commune (pas de grille de population)";
    }

    // Group by commune (then cell, for a deterministic order whatever the thread timing).
    std::sort(pieces.begin(), pieces.end(), [](const CellPiece& a, const CellPiece& b) {
        return a.commune != b.commune ? a.commune < b.commune : a.cell < b.cell;
    });
    out.first_of_commune.assign(communes.size() + 1, 0);
    const geos::GeosContext main_geos;
    std::size_t k = 0;
    for (std::uint32_t c = 0; c < communes.size(); ++c) {
        out.first_of_commune[c] = static_cast<std::uint32_t>(out.points.size());
        const std::size_t begin = k;
        double raw = 0;
        for (; k < pieces.size() && pieces[k].commune == c; ++k)
            raw += out.cell(pieces[k].cell).population * pieces[k].share;
        out.grid_population += raw;
        const double official = communes[c].population ? double(*communes[c].population) : raw;
        if (raw <= 0) {
            // No populated cell piece: the commune's people at one representative point.
            if (out.method == "grid") ++out.communes_on_proxy;
            out.points.push_back({representative_point(communes[c].geometry, main_geos), c, -1,
                                  official, 0, communes[c].area_m2});
            continue;
        }
        const double scale = official / raw;
        for (std::size_t i = begin; i < k; ++i) {
            const CellPiece& p = pieces[i];
            const model::PopulationCell& cell = out.cell(p.cell);
            out.points.push_back({p.position, c, p.cell, cell.population * p.share * scale,
                                  cell.elderly * p.share * scale, p.area_m2});
        }
    }
    out.first_of_commune[communes.size()] = static_cast<std::uint32_t>(out.points.size());
    if (out.communes_on_proxy > 0)
        report.info(out.source, "", "commune_without_grid_cell",
                    core::counted(double(out.communes_on_proxy), "commune n'a", "communes n'ont") +
                        " aucun carreau habité : leur population est placée en un point "
                        "représentatif");
    return out;
}

}  // namespace palliacarte::analysis
