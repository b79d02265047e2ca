#include "analysis/commune_coverage.hpp"

#include <algorithm>
#include <memory>

#include <boost/geometry.hpp>

#include "core/parallel.hpp"
#include "geos/geos_context.hpp"

namespace palliacarte::analysis {

namespace {

// A large area cut into quadrants until each piece is small, so that the part of it inside one
// commune is found among a few small pieces: clipping the whole area by each commune's box
// reads every vertex of it again, 35,000 times for the country's communes.
class AreaPieces {
  public:
    AreaPieces(const geos::GeosContext& geos, geos::GeosGeometry area, const model::Box& extent)
        : geos_(geos) {
        if (area) split(std::move(area), extent, 0);
    }
    /// @brief Area of `commune` (within `box`) inside the area, computed in `geos` (a worker's
    /// own context: the pieces are only read, their envelopes cached when they were cut).
    double area_inside(const geos::GeosContext& geos, const GEOSGeometry* commune,
                       const model::Box& box) const {
        double total = 0;
        for (const auto& [b, piece] : pieces_) {
            if (!boost::geometry::intersects(b, box)) continue;
            geos::GeosGeometry inter =
                geos.wrap(GEOSIntersection_r(geos.handle(), commune, piece.get()));
            double a = 0;
            if (inter) GEOSArea_r(geos.handle(), inter.get(), &a);
            total += a;
        }
        return total;
    }

  private:
    void split(geos::GeosGeometry area, const model::Box& b, int depth) {
        if (GEOSisEmpty_r(geos_.handle(), area.get())) return;
        if (depth >= 10 || GEOSGetNumCoordinates_r(geos_.handle(), area.get()) < 4000) {
            geos_.cache_envelopes(area.get());  // before workers share it
            pieces_.emplace_back(b, std::move(area));
            return;
        }
        const double mx = (b.min_corner().x + b.max_corner().x) / 2,
                     my = (b.min_corner().y + b.max_corner().y) / 2;
        for (const model::Box& q : {model::Box(b.min_corner(), {mx, my}),
                                    model::Box({mx, b.min_corner().y}, {b.max_corner().x, my}),
                                    model::Box({b.min_corner().x, my}, {mx, b.max_corner().y}),
                                    model::Box({mx, my}, b.max_corner())}) {
            geos::GeosGeometry part =
                geos_.wrap(GEOSClipByRect_r(geos_.handle(), area.get(), q.min_corner().x,
                                            q.min_corner().y, q.max_corner().x, q.max_corner().y));
            if (part) split(std::move(part), q, depth + 1);
        }
    }
    const geos::GeosContext& geos_;
    std::vector<std::pair<model::Box, geos::GeosGeometry>> pieces_;
};

}  // namespace

CoverageStatus coverage_status(double share_within, bool declared,
                               const config::CoverageRule& rule) {
    if (share_within >= rule.covered_min_share) return CoverageStatus::covered;
    if (declared && rule.declared_area_covers) return CoverageStatus::covered;
    if (share_within <= rule.white_zone_max_share) return CoverageStatus::white_zone;
    return CoverageStatus::partial;
}

void compute_commune_coverage(TypeCoverage& tc, const model::Territory& territory,
                              const PopulationPoints& population, const std::vector<double>& fca,
                              const std::map<std::string, std::vector<std::string>>& declared,
                              const model::MultiPolygon& reach, const config::CoverageRule& rule,
                              TimeModel time_model) {
    const std::string method_word = commune_method_word(time_model);
    const auto& communes = territory.communes;
    const auto& structures = territory.structures;
    const auto& points = population.points;
    const double threshold_s = tc.threshold_min * 60;
    const geos::GeosContext geos;
    model::Box extent;
    boost::geometry::envelope(reach, extent);
    const AreaPieces reach_area(geos, reach.empty() ? geos::GeosGeometry() : geos.to_geos(reach),
                                extent);
    tc.communes.resize(communes.size());
    // The communes on all cores (a country's 35,000 area overlays), a GEOS context each.
    const std::size_t workers = core::worker_count(communes.size() / 64 + 1);
    std::vector<std::unique_ptr<geos::GeosContext>> contexts;
    for (std::size_t w = 0; w < workers; ++w)
        contexts.push_back(std::make_unique<geos::GeosContext>());
    core::parallel_for(communes.size(), workers, [&](std::size_t c, std::size_t w) {
        const geos::GeosContext& local = *contexts[w];
        CommuneCoverage& cc = tc.communes[c];
        double weighted_time = 0, timed_population = 0, max_t = 0;
        std::map<std::uint32_t, double> nearest_weight;
        double fca_sum = 0;
        for (std::uint32_t i = population.first_of_commune[c];
             i < population.first_of_commune[c + 1]; ++i) {
            const auto& pt = points[i];
            const double t = tc.nearest.seconds[i];
            cc.population += pt.population;
            cc.elderly += pt.elderly;
            fca_sum += pt.population * fca[i];
            if (t <= threshold_s) {
                cc.population_within += pt.population;
                cc.elderly_within += pt.elderly;
            }
            if (t < routing::kUnreached) {
                weighted_time += pt.population * t;
                timed_population += pt.population;
                nearest_weight[tc.nearest.place[i]] += pt.population;
            }
            max_t = std::max(max_t, t);
        }
        if (timed_population > 0) cc.mean_minutes = weighted_time / timed_population / 60;
        if (max_t < routing::kUnreached &&
            population.first_of_commune[c] < population.first_of_commune[c + 1])
            cc.max_minutes = max_t / 60;
        if (!nearest_weight.empty()) {
            const auto best =
                std::max_element(nearest_weight.begin(), nearest_weight.end(),
                                 [](const auto& x, const auto& y) { return x.second < y.second; });
            cc.nearest_structure = structures[tc.located[best->first]].id;
            cc.nearest_structure_name = structures[tc.located[best->first]].name;
        }
        if (cc.population > 0) cc.fca_per_100k = fca_sum / cc.population * 1e5;
        // Area inside the type's catchment at its threshold.
        if (!reach.empty() && communes[c].area_m2 > 0) {
            const geos::GeosGeometry cg = local.to_geos(communes[c].geometry);
            const double area = reach_area.area_inside(local, cg.get(), communes[c].bbox);
            cc.area_within_m2 = area;
            cc.share_area_within = std::min(1.0, area / communes[c].area_m2);
        }
        cc.share_population_within =
            share_within(cc.population, cc.population_within, cc.share_area_within);
        if (auto it = declared.find(communes[c].insee); it != declared.end())
            cc.declared_by = it->second;
        const bool is_declared = !cc.declared_by.empty();
        cc.status = coverage_status(cc.share_population_within, is_declared, rule);
        const bool by_time = cc.share_population_within >= rule.covered_min_share;
        if (cc.status == CoverageStatus::covered)
            cc.method = by_time && is_declared ? method_word + "+zone_declaree"
                        : by_time              ? method_word
                                               : "zone_declaree";
        else
            cc.method = method_word;
    });
}

}  // namespace palliacarte::analysis
