#include "analysis/nested_outlines.hpp"

#include "model/ring_obstacles.hpp"
#include "model/ring_simplification.hpp"

namespace palliacarte::analysis {

std::vector<model::MultiPolygon> nested_grid_outlines(
    BandGrid& grid, std::size_t limits, double tolerance,
    const std::function<bool(std::size_t, BandGrid&)>& mark) {
    std::vector<model::MultiPolygon> out(limits);
    // Each limit's outline as traced: the cells only grow from one limit to the next, so these
    // nest exactly.
    std::vector<std::vector<model::GridRing>> traced(limits);
    std::vector<bool> grew(limits, true);
    for (std::size_t k = 0; k < limits; ++k) {
        grew[k] = mark(k, grid);
        traced[k] = k > 0 && !grew[k] ? traced[k - 1] : grid.trace();
    }
    std::vector<std::vector<model::GridRing>> simplified(limits);
    const double lattice_tolerance = 2 * tolerance / grid.cell_m();  // the lattice is in half cells
    for (std::size_t k = limits; k-- > 0;) {
        if (k + 1 < limits && !grew[k + 1]) {
            simplified[k] = simplified[k + 1];  // the same cells: the same polygon
            out[k] = out[k + 1];
            continue;
        }
        std::vector<const std::vector<model::GridRing>*> inside, around;
        if (k > 0) inside.push_back(&traced[k - 1]);
        if (k + 1 < limits) around.push_back(&simplified[k + 1]);
        const model::RingObstacles obstacles(inside, around);
        for (const auto& ring : traced[k])
            simplified[k].push_back(model::simplified_ring(ring, lattice_tolerance, &obstacles));
        out[k] = grid.polygons(simplified[k]);
    }
    return out;
}

}  // namespace palliacarte::analysis
