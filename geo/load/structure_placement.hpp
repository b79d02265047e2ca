#pragma once
// Puts structures on the map of a territory: reprojects their position into the working CRS,
// checks it lies in (or near) the territory's communes, and decides how each structure can
// cover (located / declared area only / unlocated). Also keeps ids unique.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/load_report.hpp"
#include "model/commune.hpp"
#include "model/structure.hpp"

namespace palliacarte::crs {
class CrsTransform;
}  // namespace palliacarte::crs

namespace palliacarte::load {

class StructurePlacer {
  public:
    /// @param communes the territory; positions are checked against their polygons.
    /// @param margin_m positions farther than this outside every commune are rejected.
    /// @param epsg_per_departement overseas structures go into their local CRS (national loads).
    StructurePlacer(const std::vector<model::Commune>& communes, int epsg, double margin_m,
                    bool epsg_per_departement = false);
    ~StructurePlacer();
    StructurePlacer(const StructurePlacer&) = delete;
    StructurePlacer& operator=(const StructurePlacer&) = delete;

    int epsg() const { return epsg_; }

    /// @brief Sets s.position from (x, y) given in `source_epsg` (or "EPSG:n"/WKT in
    /// `source_crs` when not empty). Bad or far-away positions are reported and left empty.
    /// `departement` (when known) picks the local CRS overseas in a national load.
    void place(model::Structure& s, double x, double y, const std::string& source_crs,
               core::LoadReport& report, const std::string& file, const std::string& where,
               const std::string& departement = "");

    /// @brief Adds `s` to `out` unless its id is taken; sets placement. Unknown intervention
    /// communes are reported. Returns false (and reports) when rejected as a duplicate.
    bool add(model::Structure s, std::vector<model::Structure>& out, core::LoadReport& report,
             const std::string& file, const std::string& where);

    /// @brief True when (x, y) in `source_crs` lies within the margin of the territory.
    bool within_reach(double x, double y, const std::string& source_crs,
                      const std::string& departement = "");

    bool has_commune(const std::string& insee) const { return commune_codes_.count(insee) > 0; }
    /// @brief Whether one of the territory's communes is in département `code`.
    bool has_departement(const std::string& code) const { return departements_.count(code) > 0; }

    /// @brief Distance in metres from p to the nearest commune (0 inside), searching up to
    /// `limit` metres; returns > limit when none is that close. Also gives that commune's code.
    double distance_to_territory(const model::Point& p, int epsg, double limit,
                                 std::string* insee = nullptr) const;

  private:
    const crs::CrsTransform& transform(const std::string& from, int to_epsg);
    /// The CRS a structure is placed in: its département's in a national load, else the
    /// territory's.
    int target_epsg(const std::string& departement) const;
    struct Index;
    const std::vector<model::Commune>& communes_;
    int epsg_;
    double margin_m_;
    bool epsg_per_departement_;
    std::map<int, std::unique_ptr<Index>> index_;  // one R-tree per CRS
    std::map<std::pair<std::string, int>, std::unique_ptr<crs::CrsTransform>> transforms_;
    std::set<std::string> ids_;
    std::set<std::string> commune_codes_;
    std::set<std::string> departements_;
};

/// @brief Splits "92035;92025 92009" into codes.
/// @brief Warns about structures of different names and addresses placed at exactly the same
/// point: a geocoder's fallback (the commune's centre) is the usual reason, and such positions
/// make travel times wrong for all of them. One warning per point.
void warn_shared_positions(const std::vector<model::Structure>& structures,
                           core::LoadReport& report);

std::vector<std::string> split_codes(const std::string& text);

}  // namespace palliacarte::load
