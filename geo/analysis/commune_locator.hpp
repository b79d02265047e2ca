#pragma once
// Which commune a point falls in (an R-tree of the communes' boxes, then the polygon), and the
// commune of each structure: where it stands, else the commune its source names.
#include <cstdint>
#include <utility>
#include <vector>

#include <boost/geometry/index/rtree.hpp>

#include "model/territory.hpp"

namespace palliacarte::analysis {

class CommuneLocator {
  public:
    explicit CommuneLocator(const std::vector<model::Commune>& communes);
    /// @brief Index of the commune of CRS `epsg` holding `p`, or -1.
    int commune_at(const model::Point& p, int epsg) const;

  private:
    const std::vector<model::Commune>& communes_;
    boost::geometry::index::rtree<std::pair<model::Box, std::uint32_t>,
                                  boost::geometry::index::quadratic<16>>
        tree_;
};

/// @brief Per structure, the Territory commune index, -1 if none.
std::vector<int> structure_communes(const model::Territory& territory,
                                    const CommuneLocator& locator);

/// @brief Warns about structures declared for « Département » without a commune in a
/// territory of several départements: says what it was taken to mean (all of them).
void warn_ambiguous_departements(const model::Territory& territory,
                                 const std::vector<std::string>& analysed_types,
                                 const std::vector<int>& structure_commune,
                                 core::LoadReport& report);

}  // namespace palliacarte::analysis
