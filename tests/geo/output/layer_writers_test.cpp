// The writers every output goes through, on a two-feature layer written here: the GeoPackage
// read back with GDAL gives the same fields, values and points; the CSV is what French Excel
// opens (BOM, ';', decimal comma, French headers); GeoJSON text numbers and strings.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/load_report.hpp"
#include "load/ogr_layer_reader.hpp"
#include "output/csv_table_writer.hpp"
#include "output/geojson_text.hpp"
#include "output/ogr_layer_writer.hpp"
#include "test_paths.hpp"

namespace palliacarte {
namespace {

model::Layer small_layer() {
    model::Layer l;
    l.name = "structures";
    l.title = "Structures";
    l.kind = model::GeometryKind::point;
    l.epsg = 2154;
    l.fields = {{"id", model::FieldType::text, "Identifiant"},
                {"places", model::FieldType::integer, "Places"},
                {"minutes", model::FieldType::real, "Temps (min)"},
                {"couvert", model::FieldType::boolean, "Couvert"}};
    l.features.push_back({model::Point{652000.5, 6862000.25},
                          {std::string("had-1 « Élan »"), std::int64_t{12}, 17.5, true}});
    l.features.push_back({model::Point{700000, 6600000}, {std::string("usp-2"), {}, 42.0, false}});
    return l;
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(LayerWriters, GeoPackageReadsBackAsWritten) {
    const test::ScratchDir dir("gpkg-roundtrip");
    const std::string path = dir.file("t.gpkg");
    output::write_geopackage(path, {small_layer()});
    core::LoadReport report;
    const std::vector<model::Layer> back = load::read_ogr_layers(path, report);
    ASSERT_EQ(back.size(), 1u);
    const model::Layer& l = back[0];
    EXPECT_EQ(l.name, "structures");
    EXPECT_EQ(l.epsg, 2154);
    ASSERT_EQ(l.features.size(), 2u);
    ASSERT_GE(l.fields.size(), 4u);
    auto column = [&](const std::string& name) {
        for (std::size_t i = 0; i < l.fields.size(); ++i)
            if (l.fields[i].name == name) return i;
        ADD_FAILURE() << "no field " << name;
        return std::size_t{0};
    };
    const auto& f0 = l.features[0];
    EXPECT_EQ(std::get<std::string>(f0.values[column("id")]), "had-1 « Élan »");
    EXPECT_EQ(std::get<std::int64_t>(f0.values[column("places")]), 12);
    EXPECT_DOUBLE_EQ(std::get<double>(f0.values[column("minutes")]), 17.5);
    EXPECT_TRUE(std::holds_alternative<std::monostate>(l.features[1].values[column("places")]));
    const model::Point& p = std::get<model::Point>(f0.geometry);
    EXPECT_DOUBLE_EQ(p.x, 652000.5);
    EXPECT_DOUBLE_EQ(p.y, 6862000.25);
}

TEST(LayerWriters, CsvIsWhatFrenchExcelOpens) {
    const test::ScratchDir dir("csv-table");
    const std::string path = dir.file("t.csv");
    output::write_csv_table(path, small_layer(), {"id", "minutes", "couvert"},
                            [](const model::Feature& f) { return std::get<bool>(f.values[3]); });
    const std::string text = slurp(path);
    ASSERT_EQ(text.rfind("\xEF\xBB\xBF", 0), 0u) << "no UTF-8 BOM";
    std::istringstream lines(text.substr(3));
    std::string header, row, extra;
    std::getline(lines, header);
    std::getline(lines, row);
    EXPECT_EQ(header.substr(0, header.find_last_not_of("\r") + 1),
              "Identifiant;Temps (min);Couvert");
    EXPECT_EQ(row.substr(0, row.find_last_not_of("\r") + 1), "had-1 « Élan »;17,50;oui");
    EXPECT_FALSE(std::getline(lines, extra) && !extra.empty()) << "the filter kept usp-2";
}

TEST(LayerWriters, GeoJsonTextNumbersAndStrings) {
    std::string out;
    output::append_json_number(out, 17.50, 3);
    out += ' ';
    output::append_json_number(out, 2.0, 6);
    out += ' ';
    output::append_json_string(out, "« Élan » \"guillemets\"\n");
    EXPECT_EQ(out, "17.5 2 \"« Élan » \\\"guillemets\\\"\\n\"");
    out.clear();
    output::append_geojson_geometry(out, model::Point{2.35, 48.85}, 2, true);
    EXPECT_EQ(out, R"({"type":"Point","coordinates":[48.85,2.35]})");
}

// A real field's value keeps its decimal point when whole, so that GDAL and QGIS, which guess
// types from the values, never make a real field an integer; integers stay integers.
TEST(LayerWriters, RealValuesAlwaysHaveADecimalPoint) {
    auto text = [](const model::FieldValue& v, model::FieldType t) {
        std::string out;
        output::append_json_value(out, v, t);
        return out;
    };
    EXPECT_EQ(text(100.0, model::FieldType::real), "100.0");
    EXPECT_EQ(text(std::int64_t{30}, model::FieldType::real), "30.0");
    EXPECT_EQ(text(6.91, model::FieldType::real), "6.91");
    EXPECT_EQ(text(0.0, model::FieldType::real), "0.0");
    EXPECT_EQ(text(1e22, model::FieldType::real), "1e+22");
    EXPECT_EQ(text(std::nan(""), model::FieldType::real), "null");
    EXPECT_EQ(text(std::int64_t{30}, model::FieldType::integer), "30");
    EXPECT_EQ(text(model::FieldValue{}, model::FieldType::real), "null");
    EXPECT_EQ(text(true, model::FieldType::boolean), "true");
}

}  // namespace
}  // namespace palliacarte
