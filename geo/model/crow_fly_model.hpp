#pragma once
// Travel time as the crow flies, for territories without a road network: straight-line distance
// × a detour factor ÷ a speed. Every output that uses it must say so (model "crow-fly").
#include <cmath>

#include "model/geometry.hpp"

namespace palliacarte::model {

/// @brief Defaults: detour factor 1.3, the road-to-straight-line distance ratio usually taken
/// for European road networks (measured here on the Corsica network: 1.21 per link, more over
/// whole trips); 30 km/h, a door-to-door car speed in dense urban areas like the Hauts-de-Seine.
/// Both are set per territory in the config ("crow_fly": {"detour_factor", "speed_kmh"}).
struct CrowFlyModel {
    double detour_factor = 1.3;
    double speed_kmh = 30;

    double seconds(const Point& a, const Point& b) const {
        return std::hypot(a.x - b.x, a.y - b.y) * detour_factor / (speed_kmh / 3.6);
    }
    /// @brief Radius of the circle reached within `limit_seconds`.
    double radius_m(double limit_seconds) const {
        return limit_seconds * (speed_kmh / 3.6) / detour_factor;
    }

    bool operator==(const CrowFlyModel&) const = default;
};

}  // namespace palliacarte::model
