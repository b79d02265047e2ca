#include "output/qgis_project.hpp"

#include <cpl_conv.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "core/errors.hpp"
#include "core/xml_escape.hpp"
#include "output/run_provenance.hpp"

namespace palliacarte::output {

namespace fs = std::filesystem;

namespace {

// The element starting at `start` (a <rule …> or <rule …/>), nested rules included.
std::string rule_element(const std::string& text, std::size_t start) {
    const std::size_t first_end = text.find('>', start);
    if (first_end == std::string::npos) return {};
    if (text[first_end - 1] == '/') return text.substr(start, first_end + 1 - start);
    int depth = 1;
    std::size_t pos = first_end + 1;
    while (depth > 0) {
        const std::size_t open = text.find("<rule ", pos), close = text.find("</rule>", pos);
        if (close == std::string::npos) return {};
        if (open != std::string::npos && open < close) {
            const std::size_t end = text.find('>', open);
            if (text[end - 1] != '/') ++depth;
            pos = end + 1;
        } else {
            --depth;
            pos = close + 7;
        }
    }
    return text.substr(start, pos - start);
}

void replace_attribute(std::string& element, const std::string& name, const std::string& value) {
    const std::string key = " " + name + "=\"";
    const std::size_t at = element.find(key);
    if (at == std::string::npos || at > element.find('>')) return;
    const std::size_t from = at + key.size(), to = element.find('"', from);
    element.replace(from, to - from, value);
}

// The Lambert-93 (or any EPSG) CRS as QGIS reads it: WKT, PROJ string, authority id.
std::string spatialrefsys(int epsg) {
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    char* wkt = nullptr;
    const char* options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&wkt, options);
    char* proj4 = nullptr;
    srs.exportToProj4(&proj4);
    std::string out = "<spatialrefsys><wkt>" + core::xml_escaped(wkt ? wkt : "") + "</wkt><proj4>" +
                      core::xml_escaped(proj4 ? proj4 : "") +
                      "</proj4><authid>EPSG:" + std::to_string(epsg) + "</authid><description>" +
                      core::xml_escaped(srs.GetName() ? srs.GetName() : "") +
                      "</description></spatialrefsys>";
    CPLFree(wkt);
    CPLFree(proj4);
    return out;
}

}  // namespace

std::string layer_labeling(const std::string& layer) {
    std::string field, expression = "0", scale;
    if (layer == "white_zones") {
        field = core::xml_escaped(
            "CASE WHEN \"kind\" = 'commune' AND \"rank\" <= 30 THEN \"name\" END");
        expression = "1";
        scale = "scaleVisibility=\"0\"";
    } else if (layer == "structures") {
        field = "name";
        scale = "scaleVisibility=\"1\" scaleMin=\"0\" scaleMax=\"250000\"";
    } else {
        return {};
    }
    return "<labeling type=\"simple\"><settings calloutType=\"simple\"><text-style fieldName=\"" +
           field + "\" isExpression=\"" + expression +
           "\" fontFamily=\"DejaVu Sans\" fontSize=\"8\" fontSizeUnit=\"Point\" "
           "textColor=\"30,30,30,255\" textOpacity=\"1\" fontWeight=\"50\">"
           "<text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" bufferSizeUnits=\"MM\" "
           "bufferColor=\"255,255,255,255\" bufferOpacity=\"0.9\"/></text-style>"
           "<placement placement=\"1\" dist=\"1\" distUnits=\"MM\" priority=\"5\"/>"
           "<rendering " +
           scale + " obstacle=\"1\" displayAll=\"0\"/></settings></labeling>";
}

namespace {

// What the project shows of one layer in a type's group.
struct ProjectLayer {
    std::string id, name, table, geometry, subset, style;
    bool labelled = false;
};

std::string datasource(const std::string& gpkg, const ProjectLayer& l) {
    return "./" + gpkg + "|layername=" + l.table + (l.subset.empty() ? "" : "|subset=" + l.subset);
}

std::string geometry_of(const model::Layer& l) {
    return l.kind == model::GeometryKind::point ? "Point" : "Polygon";
}

// A print layout: title, map of the type's layers, their legend, scale bar, sources. The
// attributes given are those QGIS 3.22 needs; it fills in the rest with its defaults.
std::string layout(const std::string& name, const std::string& title, const std::string& sources,
                   const std::vector<ProjectLayer>& shown, const std::string& gpkg,
                   const model::Box& extent, int n) {
    // Map item 190 × 168 mm: the extent widened to its proportions.
    const double w = 190, h = 168;
    double x0 = extent.min_corner().x, x1 = extent.max_corner().x;
    double y0 = extent.min_corner().y, y1 = extent.max_corner().y;
    const double scale = std::max((x1 - x0) / w, (y1 - y0) / h) * 1.04;
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    x0 = cx - scale * w / 2, x1 = cx + scale * w / 2, y0 = cy - scale * h / 2,
    y1 = cy + scale * h / 2;
    // A scale bar segment: a round number of km near a tenth of the map's width.
    double segment_km = std::pow(10.0, std::floor(std::log10(scale * w / 10 / 1000)));
    for (const double step : {5.0, 2.0})
        if (step * segment_km <= scale * w / 10 / 1000) {
            segment_km *= step;
            break;
        }
    char uuid_text[40];  // the map's id, which the legend and the scale bar follow
    std::snprintf(uuid_text, sizeof uuid_text, "{00000000-0000-4000-8000-%012d}", n);
    const std::string uuid = uuid_text;
    auto item = [](const std::string& type, const std::string& attrs, double x, double y, double iw,
                   double ih, int z, const std::string& children = {}) {
        char geometry[160];
        std::snprintf(geometry, sizeof geometry,
                      " position=\"%g,%g,mm\" positionOnPage=\"%g,%g,mm\" size=\"%g,%g,mm\" "
                      "zValue=\"%d\"",
                      x, y, x, y, iw, ih, z);
        return "<LayoutItem type=\"" + type + "\" visibility=\"1\" opacity=\"1\" " + attrs +
               geometry + ">" + children + "</LayoutItem>";
    };
    std::string layer_set, legend_tree;
    for (const auto& l : shown) {
        layer_set += "<Layer source=\"" + core::xml_escaped(datasource(gpkg, l)) +
                     "\" provider=\"ogr\" name=\"" + core::xml_escaped(l.name) + "\">" + l.id +
                     "</Layer>";
        legend_tree += "<layer-tree-layer id=\"" + l.id + "\" name=\"" + core::xml_escaped(l.name) +
                       "\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\" source=\"" +
                       core::xml_escaped(datasource(gpkg, l)) + "\"/>";
    }
    char extent_xml[200];
    std::snprintf(extent_xml, sizeof extent_xml,
                  "<Extent xmin=\"%.2f\" ymin=\"%.2f\" xmax=\"%.2f\" ymax=\"%.2f\"/>", x0, y0, x1,
                  y1);
    return "<Layout name=\"" + core::xml_escaped(name) +
           "\" units=\"mm\" printResolution=\"300\">"
           "<PageCollection><LayoutItem type=\"65638\" size=\"297,210,mm\" position=\"0,0,mm\" "
           "visibility=\"1\" opacity=\"1\" background=\"true\"/></PageCollection>" +
           item("65639",
                "uuid=\"" + uuid +
                    "\" background=\"true\" frame=\"true\" keepLayerSet=\"true\" "
                    "drawCanvasItems=\"true\"",
                10, 24, w, h, 1,
                std::string(extent_xml) + "<LayerSet>" + layer_set + "</LayerSet>") +
           item("65641",
                "labelText=\"" + core::xml_escaped(title) +
                    "\" halign=\"1\" valign=\"32\" background=\"false\"",
                10, 8, 277, 12, 2,
                "<LabelFont style=\"\" description=\"DejaVu Sans,15,-1,5,75,0,0,0,0,0\"/>"
                "<FontColor red=\"20\" green=\"41\" blue=\"66\" alpha=\"255\"/>") +
           item("65642",
                "map_uuid=\"" + uuid +
                    "\" title=\"Légende\" resizeToContents=\"1\" "
                    "symbolWidth=\"7\" symbolHeight=\"4\" boxSpace=\"2\" columnCount=\"1\" "
                    "background=\"true\"",
                205, 24, 85, 150, 3, "<layer-tree>" + legend_tree + "</layer-tree>") +
           item("65646",
                "mapUuid=\"" + uuid +
                    "\" style=\"Single Box\" unitType=\"kilometers\" "
                    "unitLabel=\"km\" numMapUnitsPerScaleBarUnit=\"1000\" numSegments=\"2\" "
                    "numSegmentsLeft=\"0\" numUnitsPerSegment=\"" +
                    std::to_string(segment_km * 1000) +
                    "\" segmentSizeMode=\"0\" height=\"3\" labelBarSpace=\"3\" "
                    "boxContentSpace=\"1\" alignment=\"0\" background=\"true\"",
                14, 176, 60, 12, 4) +
           item("65641",
                "labelText=\"" + core::xml_escaped(sources) +
                    "\" halign=\"1\" valign=\"32\" "
                    "background=\"false\"",
                10, 194, 277, 12, 5,
                "<LabelFont style=\"\" description=\"DejaVu Sans,6,-1,5,50,0,0,0,0,0\"/>"
                "<FontColor red=\"70\" green=\"70\" blue=\"70\" alpha=\"255\"/>") +
           "</Layout>";
}

}  // namespace

std::string qml_for_type(const std::string& qml, const std::string& type) {
    std::string out = qml;
    const std::string root = "<rules key=\"root\">";
    if (const std::size_t open = out.find(root); open != std::string::npos) {
        const std::size_t from = open + root.size(), to = out.find("</rules>", from);
        const std::string rules = out.substr(from, to - from);
        std::string kept;
        if (const auto at = rules.find("<rule key=\"type-" + type + "\"");
            at != std::string::npos) {
            kept = rule_element(rules, at);
        } else if (const auto other = rules.find("<rule key=\"type-OTHER\"");
                   other != std::string::npos) {
            kept = rule_element(rules, other);
            replace_attribute(kept, "label", core::xml_escaped(type));
        }
        if (!kept.empty()) {
            replace_attribute(kept, "checkstate", "1");
            out.replace(from, to - from, kept);
        }
    }
    const std::string cats = "<categories>";
    if (const std::size_t open = out.find(cats); open != std::string::npos) {
        const std::size_t from = open + cats.size(), to = out.find("</categories>", from);
        const std::string all = out.substr(from, to - from);
        std::string kept;
        if (const auto at = all.find("value=\"" + core::xml_escaped(type) + "\"");
            at != std::string::npos) {
            const std::size_t start = all.rfind("<category ", at);
            kept = all.substr(start, all.find("/>", at) + 2 - start);
        } else if (const auto other = all.find("value=\"\""); other != std::string::npos) {
            const std::size_t start = all.rfind("<category ", other);
            kept = all.substr(start, all.find("/>", other) + 2 - start);
            replace_attribute(kept, "label", core::xml_escaped(type));
        }
        if (!kept.empty()) out.replace(from, to - from, kept);
    }
    return out;
}

namespace {

// A style's body: what lies inside <qgis …>…</qgis>.
std::string style_body(const std::string& style) {
    const std::size_t open = style.find("<qgis");
    const std::size_t from = open == std::string::npos ? 0 : style.find('>', open) + 1;
    const std::size_t to = style.rfind("</qgis>");
    return style.substr(from, to == std::string::npos ? std::string::npos : to - from);
}

// The .qgs document around its layer tree, layers and print layouts.
std::string project_document(const std::string& title, const std::string& srs,
                             const std::string& tree, const std::string& map_layers,
                             const std::string& layouts) {
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
           "<qgis projectname=\"" +
           core::xml_escaped(title) + "\" version=\"3.22.0\"><title>" + core::xml_escaped(title) +
           "</title><projectCrs>" + srs + "</projectCrs><layer-tree-group>" + tree +
           "</layer-tree-group><properties><SpatialRefSys><ProjectionsEnabled type=\"int\">1"
           "</ProjectionsEnabled></SpatialRefSys><Paths><Absolute type=\"bool\">false</Absolute>"
           "</Paths></properties><projectlayers>" +
           map_layers + "</projectlayers><Layouts>" + layouts + "</Layouts></qgis>\n";
}

// A .qgz is a zip holding the .qgs, named after it.
void write_qgz(const std::string& path, const std::string& qgs) {
    void* zip = CPLCreateZip(path.c_str(), nullptr);
    if (!zip) throw core::DataError(path, "écriture impossible (archive zip)");
    const std::string inner = fs::path(path).stem().string() + ".qgs";
    const bool ok = CPLCreateFileInZip(zip, inner.c_str(), nullptr) == CE_None &&
                    CPLWriteFileInZip(zip, qgs.data(), static_cast<int>(qgs.size())) == CE_None &&
                    CPLCloseFileInZip(zip) == CE_None;
    if (CPLCloseZip(zip) != CE_None || !ok)
        throw core::DataError(path, "écriture impossible (archive zip)");
}

}  // namespace

void write_qgis_project(const std::string& path, const std::string& gpkg_name,
                        const std::vector<model::Layer>& layers,
                        const std::vector<std::string>& qml,
                        const analysis::CoverageAnalysis& analysis, const RunProvenance& provenance,
                        const model::Box& extent, const std::vector<std::string>& titles) {
    // The index of the layer of that name, or none.
    auto find = [&](const std::string& name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < layers.size(); ++i)
            if (layers[i].name == name) return i;
        return std::nullopt;
    };
    auto body = [&](std::size_t i) { return style_body(qml[i]); };
    const int epsg = layers.empty() ? 2154 : layers.front().epsg;
    const std::string srs = spatialrefsys(epsg);
    std::string map_layers, tree, layouts;
    auto add_layer = [&](const ProjectLayer& l) {
        map_layers += "<maplayer type=\"vector\" geometry=\"" + l.geometry + "\" labelsEnabled=\"" +
                      (l.labelled ? "1" : "0") + "\"><id>" + l.id + "</id><datasource>" +
                      core::xml_escaped(datasource(gpkg_name, l)) + "</datasource><layername>" +
                      core::xml_escaped(l.name) +
                      "</layername><provider encoding=\"UTF-8\">ogr</provider>"
                      "<srs>" +
                      srs + "</srs>" + l.style + "</maplayer>";
    };
    auto tree_layer = [&](const ProjectLayer& l, bool checked) {
        return "<layer-tree-layer id=\"" + l.id + "\" name=\"" + core::xml_escaped(l.name) +
               "\" providerKey=\"ogr\" checked=\"" + (checked ? "Qt::Checked" : "Qt::Unchecked") +
               "\" expanded=\"1\" source=\"" + core::xml_escaped(datasource(gpkg_name, l)) + "\"/>";
    };
    // One group per type, the first shown: the others drawn on top would hide it.
    for (std::size_t k = 0; k < analysis.types.size(); ++k) {
        const std::string& type = analysis.types[k].type;
        const std::string filter = "\"type\" = '" + type + "'";
        std::vector<ProjectLayer> group;
        for (const auto& [table, label] : std::vector<std::pair<std::string, std::string>>{
                 {"structures", "Structures"},
                 {"white_zones", "Zones blanches"},
                 {"catchments", "Zones desservies"},
                 {"communes_coverage", "Couverture"}}) {
            const auto index = find(table);
            if (!index) continue;
            group.push_back({"palliacarte_" + table + "_" + type, label + " " + type, table,
                             geometry_of(layers[*index]), filter, qml_for_type(body(*index), type),
                             !layer_labeling(table).empty()});
        }
        std::string members;
        for (const auto& l : group) {
            add_layer(l);
            members += tree_layer(l, true);
        }
        tree += "<layer-tree-group name=\"" +
                core::xml_escaped(type + " — " + analysis.types[k].label) + "\" checked=\"" +
                (k == 0 ? "Qt::Checked" : "Qt::Unchecked") + "\" expanded=\"" +
                (k == 0 ? "1" : "0") + "\">" + members + "</layer-tree-group>";
        // The printed map is the coverage map: statuses and structures (the white-zone and
        // catchment layers would cover the statuses).
        std::vector<ProjectLayer> printed;
        for (const auto& l : group)
            if (l.table == "structures" || l.table == "communes_coverage") printed.push_back(l);
        const std::string title = k < titles.size() ? titles[k] : type;
        layouts += layout("Carte " + type, title, provenance.page_credits().sources, printed,
                          gpkg_name, extent, int(k));
    }
    // The territories, outlined once (their rows repeat per type: the first type's).
    if (const auto index = find("territories"); index && !analysis.types.empty()) {
        const ProjectLayer l{"palliacarte_territories",
                             "Territoires (indicateurs " + analysis.types.front().type + ")",
                             "territories",
                             geometry_of(layers[*index]),
                             "\"type\" = '" + analysis.types.front().type + "'",
                             body(*index),
                             false};
        add_layer(l);
        tree += "<layer-tree-group name=\"Territoires\" checked=\"Qt::Checked\" expanded=\"1\">" +
                tree_layer(l, true) + "</layer-tree-group>";
    }
    const std::string qgs =
        project_document("palliacarte — " + provenance.territory, srs, tree, map_layers, layouts);
    write_qgz(path, qgs);
}

}  // namespace palliacarte::output
