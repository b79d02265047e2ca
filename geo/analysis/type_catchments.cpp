#include "analysis/type_catchments.hpp"

#include <algorithm>

#include "core/parallel.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"

namespace palliacarte::analysis {

namespace {

// The structure polygons kept: the configured limits and the type's threshold.
bool wanted_limit(const config::AnalysisConfig& config, const TypeCoverage& tc, double limit) {
    const auto& c = config.catchment_thresholds_min;
    return std::find(c.begin(), c.end(), limit) != c.end() || limit == tc.threshold_min;
}

std::size_t threshold_index(const std::vector<double>& limits, double threshold) {
    return static_cast<std::size_t>(std::find(limits.begin(), limits.end(), threshold) -
                                    limits.begin());
}

}  // namespace

std::size_t compute_type_catchments(TypeCoverage& tc, const std::vector<Place>& places,
                                    const TravelTimeModel& model,
                                    const config::AnalysisConfig& config,
                                    const TerritoryOutline& outline, int territory_epsg,
                                    std::vector<StructureCatchment>& out,
                                    std::vector<PointTimes>& within_threshold,
                                    std::vector<core::StepTiming>& timings) {
    std::vector<double> limits = config.catchment_thresholds_min;
    limits.push_back(tc.threshold_min);
    std::sort(limits.begin(), limits.end());
    limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
    tc.catchment_limits_min = limits;
    {
        std::vector<std::vector<model::MultiPolygon>> polys;
        std::vector<double> limits_s;
        for (double m : limits) limits_s.push_back(m * 60);
        {
            // Clipped to the outline: catchments stop at the coast and the border. The searches
            // also time the population points within the threshold.
            core::StepClock clock(timings,
                                  tc.type + ": catchments and points within the threshold");
            polys = model.catchments(places, tc.direction, limits_s, config.catchment_shape,
                                     &outline, {tc.threshold_min * 60, &within_threshold});
        }
        if (model.by_road() && !config.catchment_shape.road_bands) {
            // The nearest structure's surface: one multi-source search, no polygon union.
            core::StepClock clock(timings, tc.type + ": catchment union (surface)");
            tc.union_catchments =
                model.union_catchments(places, tc.direction, limits_s, config.catchment_shape,
                                       territory_epsg, &outline, &tc.nearest);
            for (std::size_t p = 0; p < polys.size(); ++p)
                for (std::size_t k = 0; k < limits.size(); ++k)
                    if (wanted_limit(config, tc, limits[k]))
                        out.push_back({tc.located[p], tc.type, limits[k], std::move(polys[p][k])});
            return threshold_index(limits, tc.threshold_min);
        }
        core::StepClock clock(timings, tc.type + ": catchment union (GEOS)");
        // The type's union per limit, the limits on all cores (a GEOS context each).
        tc.union_catchments.resize(limits.size());
        core::parallel_for(limits.size(), core::worker_count(limits.size()),
                           [&](std::size_t k, std::size_t) {
                               const geos::GeosContext local;
                               std::vector<geos::GeosGeometry> parts;
                               // The territory's own CRS only: overseas structures of a national
                               // run keep their own polygons (no union across CRSs).
                               for (std::size_t p = 0; p < polys.size(); ++p)
                                   if (!polys[p][k].empty() && places[p].epsg == territory_epsg)
                                       parts.push_back(local.to_geos(polys[p][k]));
                               if (parts.empty()) return;
                               geos::GeosGeometry u = geos::union_all(local, std::move(parts));
                               if (u) tc.union_catchments[k] = local.to_multipolygon(u.get());
                           });
        for (std::size_t p = 0; p < polys.size(); ++p)
            for (std::size_t k = 0; k < limits.size(); ++k)
                if (wanted_limit(config, tc, limits[k]))
                    out.push_back({tc.located[p], tc.type, limits[k], std::move(polys[p][k])});
    }
    return threshold_index(limits, tc.threshold_min);
}

}  // namespace palliacarte::analysis
