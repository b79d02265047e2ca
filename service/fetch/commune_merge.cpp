#include "fetch/commune_merge.hpp"
#include "core/bounded_json.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"
#include "crs/crs_transform.hpp"

namespace palliacarte::fetch {

using nlohmann::json;

namespace {

struct LonLatBox {
    double x0 = std::numeric_limits<double>::max(), y0 = x0;
    double x1 = std::numeric_limits<double>::lowest(), y1 = x1;
    void add(const json& coordinates) {
        if (coordinates.is_array() && !coordinates.empty() && coordinates[0].is_number()) {
            if (coordinates.size() < 2) return;
            const double x = coordinates[0].get<double>(), y = coordinates[1].get<double>();
            x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
            return;
        }
        if (coordinates.is_array())
            for (const auto& c : coordinates) add(c);
    }
};

json read_collection(const std::string& path) {
    json doc;
    try {
        doc = core::parse_bounded_json(core::read_file(path));
    } catch (const json::parse_error& e) {
        throw core::DataError(path, std::string("not JSON (") + e.what() + ")");
    }
    if (!doc.is_object() || doc.value("type", "") != "FeatureCollection" ||
        !doc.contains("features") || !doc["features"].is_array())
        throw core::DataError(path, "not a GeoJSON FeatureCollection");
    return doc;
}

model::Box to_3035(const LonLatBox& b) {
    if (b.x0 > b.x1) return model::Box({0, 0}, {0, 0});
    // The box's edges, sampled: a lon/lat rectangle is curved in LAEA.
    const crs::CrsTransform t("EPSG:4326", "EPSG:3035");
    model::Box out({std::numeric_limits<double>::max(), std::numeric_limits<double>::max()},
                   {std::numeric_limits<double>::lowest(), std::numeric_limits<double>::lowest()});
    const int n = 16;
    for (int i = 0; i <= n; ++i)
        for (int j = 0; j <= n; ++j) {
            if (i != 0 && i != n && j != 0 && j != n) continue;
            double x = b.x0 + (b.x1 - b.x0) * i / n, y = b.y0 + (b.y1 - b.y0) * j / n;
            if (!t.transform(x, y)) continue;
            out.min_corner().x = std::min(out.min_corner().x, x);
            out.min_corner().y = std::min(out.min_corner().y, y);
            out.max_corner().x = std::max(out.max_corner().x, x);
            out.max_corner().y = std::max(out.max_corner().y, y);
        }
    return out;
}

}  // namespace

MergedCommunes merge_commune_files(const std::vector<std::string>& inputs,
                                   const std::string& output) {
    json features = json::array();
    LonLatBox box;
    for (const auto& path : inputs) {
        json doc = read_collection(path);
        for (auto& f : doc["features"]) {
            if (!f.contains("properties") || !f["properties"].is_object() ||
                !f["properties"].contains("code"))
                throw core::DataError(path,
                                      "a feature has no 'code' property: not the commune "
                                      "contours expected");
            if (f.contains("geometry") && f["geometry"].is_object())
                box.add(f["geometry"].value("coordinates", json()));
            features.push_back(std::move(f));
        }
    }
    MergedCommunes m;
    m.communes = features.size();
    m.box_3035 = to_3035(box);
    const std::string part = output + ".part";
    {
        std::ofstream out(part, std::ios::binary);
        out << json{{"type", "FeatureCollection"}, {"features", features}}.dump() << "\n";
        if (!out) throw core::DataError(part, "cannot be written");
    }
    std::filesystem::rename(part, output);
    return m;
}

model::Box communes_box_3035(const std::string& geojson_path) {
    const json doc = read_collection(geojson_path);
    LonLatBox box;
    for (const auto& f : doc["features"])
        if (f.contains("geometry") && f["geometry"].is_object())
            box.add(f["geometry"].value("coordinates", json()));
    return to_3035(box);
}

}  // namespace palliacarte::fetch
