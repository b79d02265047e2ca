#pragma once
// Plain geometry types of the model, in a projected CRS (metres). Boost.Geometry gives them
// area, envelope, distance and point-in-polygon; GEOS is used for repair and union (geos/).
#include <boost/geometry.hpp>
#include <boost/geometry/geometries/box.hpp>
#include <boost/geometry/geometries/multi_polygon.hpp>
#include <boost/geometry/geometries/polygon.hpp>
#include <boost/geometry/geometries/register/point.hpp>

namespace palliacarte::model {

/// @brief A position in projected metres (x east, y north). Standard layout: x and y are
/// contiguous so PROJ can transform arrays of points in place.
struct Point {
    double x = 0;
    double y = 0;
    friend bool operator==(const Point&, const Point&) = default;
};

}  // namespace palliacarte::model

BOOST_GEOMETRY_REGISTER_POINT_2D(palliacarte::model::Point, double, boost::geometry::cs::cartesian,
                                 x, y)

namespace palliacarte::model {

/// Clockwise outer rings, closed (Boost.Geometry's default); bg::correct() normalises input.
using Polygon = boost::geometry::model::polygon<Point>;
using MultiPolygon = boost::geometry::model::multi_polygon<Polygon>;
using Ring = Polygon::ring_type;
using Box = boost::geometry::model::box<Point>;

}  // namespace palliacarte::model
