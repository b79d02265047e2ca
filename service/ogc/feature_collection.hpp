#pragma once
// One served collection: a layer held in memory with every feature's GeoJSON already written
// in each served CRS, a spatial index, and the query OGC API `items` asks (bbox, attribute
// equality, paging). Pages are concatenations of those texts: no encoding per request.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/layer.hpp"
#include "ogc/served_crs.hpp"

namespace palliacarte::ogc {

/// @brief What `items` asked, validated (see items_query.hpp).
struct ItemsQuery {
    std::size_t limit = 100;
    std::size_t offset = 0;
    std::optional<std::array<double, 4>> bbox;  ///< as given, in the axis order of bbox_crs
    ServedCrs bbox_crs = ServedCrs::crs84;
    ServedCrs crs = ServedCrs::crs84;
    std::vector<std::pair<std::size_t, model::FieldValue>> equals;  ///< field index, value
    std::optional<std::vector<std::size_t>> properties;             ///< selected fields, in order
};

/// @brief Feature indices a query matched, ascending ("all" without building the list).
struct Matches {
    bool all = false;
    std::size_t total = 0;
    std::vector<std::uint32_t> ids;
    std::size_t count() const { return all ? total : ids.size(); }
    std::size_t at(std::size_t i) const { return all ? i : ids[i]; }
};

class FeatureCollection {
  public:
    /// @param layer features in Lambert-93 (layer.epsg must be 2154).
    FeatureCollection(model::Layer layer, std::string description);
    ~FeatureCollection();
    FeatureCollection(FeatureCollection&&) noexcept;

    const std::string& id() const { return layer_.name; }
    const std::string& title() const { return layer_.title; }
    const std::string& description() const { return description_; }
    const model::Layer& layer() const { return layer_; }
    std::size_t size() const { return layer_.features.size(); }
    /// @brief Longitude/latitude extent (CRS84); empty layer: all zeros.
    const std::array<double, 4>& extent_crs84() const { return extent_; }
    /// @brief "Point" or "MultiPolygon".
    const char* geometry_type() const;

    Matches match(const ItemsQuery& query) const;

    /// @brief Appends feature `i` as GeoJSON in `crs` (only the `properties` fields if given).
    void append_feature(std::string& out, std::size_t i, ServedCrs crs,
                        const std::vector<std::size_t>* properties) const;
    /// @brief The feature whose id is `id` ("1" … size()).
    std::optional<std::size_t> find(const std::string& id) const;

  private:
    struct Index;
    model::Layer layer_;
    std::string description_;
    std::vector<std::array<std::string, kServedCrsCount>> geometry_;  // GeoJSON per CRS
    std::vector<std::string> properties_;                             // full properties object
    std::array<double, 4> extent_{};
    std::unique_ptr<Index> index_;
};

}  // namespace palliacarte::ogc
