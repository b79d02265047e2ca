#include "analysis/type_catchments.hpp"

#include <algorithm>
#include <set>

#include "core/parallel.hpp"
#include "geos/geos_context.hpp"
#include "geos/polygon_ops.hpp"

namespace palliacarte {

std::size_t compute_type_catchments(TypeCoverage& tc, const std::vector<Place>& places,
                                    const TravelTimeModel& model, const AnalysisConfig& config,
                                    const TerritoryOutline& outline, int territory_epsg,
                                    std::vector<StructureCatchment>& out,
                                    std::vector<StepTiming>& timings) {
    std::vector<double> limits = config.catchment_thresholds_min;
    limits.push_back(tc.threshold_min);
    std::sort(limits.begin(), limits.end());
    limits.erase(std::unique(limits.begin(), limits.end()), limits.end());
    tc.catchment_limits_min = limits;
    {
        std::vector<std::vector<MultiPolygon>> polys;
        {
            // Clipped to the outline: catchments stop at the coast and the border.
            StepClock clock(timings, tc.type + ": catchment polygons (clipped)");
            std::vector<double> limits_s;
            for (double m : limits) limits_s.push_back(m * 60);
            polys =
                model.catchments(places, tc.direction, limits_s, config.catchment_shape, &outline);
        }
        StepClock clock(timings, tc.type + ": catchment union (GEOS)");
        // The type's union per limit, the limits on all cores (a GEOS context each).
        tc.union_catchments.resize(limits.size());
        parallel_for(limits.size(), worker_count(limits.size()), [&](std::size_t k, std::size_t) {
            const GeosContext local;
            std::vector<GeosGeometry> parts;
            // The territory's own CRS only: overseas structures of a national
            // run keep their own polygons (no union across CRSs).
            for (std::size_t p = 0; p < polys.size(); ++p)
                if (!polys[p][k].empty() && places[p].epsg == territory_epsg)
                    parts.push_back(local.to_geos(polys[p][k]));
            if (parts.empty()) return;
            GeosGeometry u = union_all(local, std::move(parts));
            if (u) tc.union_catchments[k] = local.to_multipolygon(u.get());
        });
        const std::set<double> wanted(config.catchment_thresholds_min.begin(),
                                      config.catchment_thresholds_min.end());
        for (std::size_t p = 0; p < polys.size(); ++p)
            for (std::size_t k = 0; k < limits.size(); ++k)
                if (wanted.count(limits[k]) || limits[k] == tc.threshold_min)
                    out.push_back({tc.located[p], tc.type, limits[k], std::move(polys[p][k])});
    }
    return static_cast<std::size_t>(std::find(limits.begin(), limits.end(), tc.threshold_min) -
                                    limits.begin());
}

}  // namespace palliacarte
