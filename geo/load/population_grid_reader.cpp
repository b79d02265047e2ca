#include "load/population_grid_reader.hpp"

#include <cmath>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/crs_transform.hpp"

namespace palliacarte::load {

namespace bg = boost::geometry;

std::optional<GridCellId> parse_grid_cell_id(std::string_view id) {
    // CRS3035RES<size>mN<y>E<x>
    auto number_after = [&](std::string_view key, std::size_t from, std::size_t& end) {
        const auto at = id.find(key, from);
        if (at == std::string_view::npos) return std::optional<double>();
        std::size_t i = at + key.size(), j = i;
        while (j < id.size() && id[j] >= '0' && id[j] <= '9') ++j;
        end = j;
        if (j == i) return std::optional<double>();
        return std::optional<double>(std::stod(std::string(id.substr(i, j - i))));
    };
    if (id.rfind("CRS3035RES", 0) != 0) return std::nullopt;
    std::size_t end = 0;
    const auto size = number_after("RES", 0, end);
    if (!size || end >= id.size() || id[end] != 'm') return std::nullopt;
    const auto y = number_after("N", end, end);
    const auto x = y ? number_after("E", end, end) : std::nullopt;
    if (!x || end != id.size() || *size <= 0) return std::nullopt;
    return GridCellId{*x, *y, *size};
}

model::PopulationGrid load_population_grid(const config::PopulationGridConfig& grid,
                                           const std::vector<model::Commune>& communes, int epsg,
                                           core::LoadReport& report,
                                           const core::ProgressFn& progress) {
    model::PopulationGrid out;
    out.path = grid.path;
    model::Box extent = bg::make_inverse<model::Box>();
    bool any = false;
    for (const auto& c : communes) {
        if (c.epsg != epsg) continue;
        bg::expand(extent, c.bbox);
        any = true;
    }
    if (!any) return out;
    if (progress) progress("population : lecture de la grille " + grid.path, 0, 0);
    out.cells = read_population_grid(grid, epsg, extent, report, &out.rows_read);
    return out;
}

std::vector<model::PopulationCell> read_population_grid(const config::PopulationGridConfig& grid,
                                                        int epsg, const model::Box& extent,
                                                        core::LoadReport& report,
                                                        std::size_t* rows_read) {
    core::CsvReader csv = core::CsvReader::open(grid.path);
    auto column = [&](const std::string& name) {
        auto c = csv.column(name);
        if (!c)
            throw core::DataError(grid.path,
                                  "pas de colonne « " + name + " » (grille de population)");
        return *c;
    };
    // The corner comes from an id column (INSEE, Eurostat) or from x/y columns.
    const bool by_id = !grid.id_field.empty();
    const std::size_t cx = by_id ? column(grid.id_field) : column(grid.x_field),
                      cy = by_id ? cx : column(grid.y_field), cv = column(grid.value_field);
    std::vector<std::size_t> elderly;
    for (const auto& name : grid.elderly_fields)
        if (const auto c = csv.column(name)) elderly.push_back(*c);

    const crs::CrsTransform to_territory(grid.crs, crs::epsg_string(epsg));
    const double s = grid.cell_size_m;
    // A cell is kept when its square meets the extent; the extent is widened by a cell so the
    // turn between the two CRS cannot drop an edge cell before the exact test.
    const model::Box wide({extent.min_corner().x - 2 * s, extent.min_corner().y - 2 * s},
                          {extent.max_corner().x + 2 * s, extent.max_corner().y + 2 * s});
    const std::string res = std::to_string(static_cast<long>(s)) + "m";

    std::vector<model::PopulationCell> cells;
    std::size_t rows = 0;
    core::CsvRecord r;
    while (csv.next(r)) {
        ++rows;
        if (!core::has_header_width(csv, r, report)) continue;
        std::optional<double> x, y;
        if (by_id) {
            if (const auto id = parse_grid_cell_id(core::trim(r.fields[cx]));
                id && std::abs(id->size - s) < 1e-6) {
                x = id->x;
                y = id->y;
            }
        } else {
            x = core::parse_number(r.fields[cx]);
            y = core::parse_number(r.fields[cy]);
        }
        const auto v = core::parse_number(r.fields[cv]);
        if (!x || !y || !v || *v < 0) {
            report.reject(grid.path, core::where(r), "bad_grid_cell",
                          by_id ? "identifiant de carreau autre que CRS3035RES" + res +
                                      "N…E…, ou population non numérique (ou négative)"
                                : "coin du carreau ou population non numérique (ou négative)");
            continue;
        }
        if (*v == 0) continue;  // nobody lives there: nothing to cover
        // Centre first: cheap rejection of the (many) cells far from the territory.
        double mx = *x + s / 2, my = *y + s / 2;
        if (!to_territory.transform(mx, my)) {
            report.reject(
                grid.path, core::where(r), "bad_grid_cell",
                "centre du carreau impossible à reprojeter en EPSG:" + std::to_string(epsg));
            continue;
        }
        if (!bg::within(model::Point{mx, my}, wide)) continue;
        std::array<model::Point, 4> corners{model::Point{*x, *y}, model::Point{*x, *y + s},
                                            model::Point{*x + s, *y + s},
                                            model::Point{*x + s, *y}};  // clockwise
        if (to_territory.transform(&corners[0].x, &corners[0].y, 4, sizeof(model::Point)) != 0)
            continue;
        model::PopulationCell cell;
        for (const auto& c : corners) cell.square.outer().push_back(c);
        cell.square.outer().push_back(corners[0]);
        bg::correct(cell.square);
        if (!bg::intersects(cell.square, extent)) continue;
        cell.population = *v;
        for (const auto c : elderly) cell.elderly += core::parse_number(r.fields[c]).value_or(0);
        cell.id = "CRS3035RES" + res + "N" + std::to_string(static_cast<long>(*y)) + "E" +
                  std::to_string(static_cast<long>(*x));
        cells.push_back(std::move(cell));
    }
    if (rows_read) *rows_read = rows;
    return cells;
}

}  // namespace palliacarte::load
