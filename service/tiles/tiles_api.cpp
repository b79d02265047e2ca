#include "tiles/tiles_api.hpp"

#include <charconv>
#include <cmath>
#include <functional>

#include "ogc/items_query.hpp"

namespace palliacarte::tiles {

using http::HttpRequest;
using http::HttpResponse;
using http::ProblemError;
using nlohmann::json;

namespace {

constexpr const char* kMatrixSet = "WebMercatorQuad";
constexpr const char* kMatrixSetUri =
    "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
constexpr const char* kMercatorCrs = "http://www.opengis.net/def/crs/EPSG/0/3857";
constexpr const char* kMvt = "application/vnd.mapbox-vector-tile";
constexpr const char* kJson = "application/json";

json link(const std::string& href, const std::string& rel, const std::string& type,
          const std::string& title) {
    return {{"href", href}, {"rel", rel}, {"type", type}, {"title", title}};
}

// A tile index: digits only, canonical (no sign, no leading zero), below `end`.
int tile_index(const std::string& text, long end, const char* name) {
    long v = -1;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || text.empty() ||
        (text.size() > 1 && text[0] == '0') || text[0] == '-' || v < 0 || v >= end)
        throw ProblemError(
            400, "Tuile hors de la grille",
            std::string(name) + " « " + text + " » : un entier de 0 à " + std::to_string(end - 1));
    return static_cast<int>(v);
}

HttpResponse json_doc(const json& doc, const std::string& tag) {
    HttpResponse out;
    out.content_type = kJson;
    out.body = doc.dump();
    out.etag = "W/\"" + tag + "\"";
    out.max_age = 3600;
    return out;
}

std::string tiles_base(const HttpRequest& r, const std::string& collection) {
    return r.base_url + "/collections/" + collection + "/tiles";
}

}  // namespace

TileApi::TileApi(const ogc::OgcApi& ogc) : ogc_(ogc) {
    for (const auto& c : ogc.collections())
        if (c.layer().kind == model::GeometryKind::multipolygon)
            sources_.emplace(c.id(), std::make_unique<TileSource>(c.layer()));
}

const TileSource& TileApi::source(const std::string& collection) const {
    const auto it = sources_.find(collection);
    if (it == sources_.end()) {
        if (ogc_.collection(collection))
            throw ProblemError(
                404, "Pas de tuiles",
                "la collection « " + collection +
                    " » contient des points : les tuiles vectorielles sont servies "
                    "pour les collections de polygones (voir /collections/{id}/items)");
        throw ProblemError(404, "Collection inconnue",
                           "pas de collection « " + collection + " » (voir /collections)");
    }
    return *it->second;
}

HttpResponse TileApi::tilesets(const HttpRequest& r, const std::string& collection) const {
    (void)source(collection);
    const std::string base = tiles_base(r, collection);
    const json doc = {
        {"links", json::array({link(base, "self", kJson, "Tuiles de la collection")})},
        {"tilesets", json::array({{{"title", ogc_.collection(collection)->title()},
                                   {"dataType", "vector"},
                                   {"crs", kMercatorCrs},
                                   {"tileMatrixSetURI", kMatrixSetUri},
                                   {"links",
                                    {link(base + "/" + kMatrixSet, "self", kJson,
                                          "Tuiles vectorielles (WebMercatorQuad)"),
                                     link(r.base_url + "/tileMatrixSets/" + kMatrixSet,
                                          "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                                          kJson, "WebMercatorQuad")}}}})}};
    return json_doc(doc, "tilesets-" + collection);
}

HttpResponse TileApi::tileset(const HttpRequest& r, const std::string& collection,
                              const std::string& matrix_set) const {
    (void)source(collection);
    if (matrix_set != kMatrixSet)
        throw ProblemError(404, "Grille inconnue",
                           "grille « " + matrix_set + " » : seulement WebMercatorQuad");
    const auto* c = ogc_.collection(collection);
    const std::string base = tiles_base(r, collection) + "/" + kMatrixSet;
    const auto& e = c->extent_crs84();
    const json doc = {
        {"title", c->title()},
        {"dataType", "vector"},
        {"crs", kMercatorCrs},
        {"tileMatrixSetURI", kMatrixSetUri},
        {"links",
         {link(base, "self", kJson, "Ce jeu de tuiles"),
          link(r.base_url + "/tileMatrixSets/" + kMatrixSet,
               "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", kJson, "WebMercatorQuad"),
          {{"href", base + "/{tileMatrix}/{tileRow}/{tileCol}"},
           {"rel", "item"},
           {"type", kMvt},
           {"templated", true},
           {"title", "Tuile (Mapbox Vector Tile)"}}}},
        {"boundingBox",
         {{"lowerLeft", {e[0], e[1]}},
          {"upperRight", {e[2], e[3]}},
          {"crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}}},
        {"layers", json::array({{{"id", collection},
                                 {"title", c->title()},
                                 {"dataType", "vector"},
                                 {"geometryDimension", 2},
                                 {"minTileMatrix", "0"},
                                 {"maxTileMatrix", std::to_string(kMaxZoom)}}})}};
    return json_doc(doc, "tileset-" + collection);
}

HttpResponse TileApi::tile(const HttpRequest& r, const std::string& collection,
                           const std::string& matrix_set, const std::string& z,
                           const std::string& row, const std::string& col) const {
    const TileSource& s = source(collection);
    if (matrix_set != kMatrixSet)
        throw ProblemError(404, "Grille inconnue",
                           "grille « " + matrix_set + " » : seulement WebMercatorQuad");
    const int zoom = tile_index(z, kMaxZoom + 1, "tileMatrix");
    const long side = 1L << zoom;
    const int y = tile_index(row, side, "tileRow");
    const int x = tile_index(col, side, "tileCol");
    // A tile is a Mapbox Vector Tile and nothing else: another f= is a mistake, not a wish.
    if (const std::string* f = r.param("f"); f && *f != "mvt" && *f != kMvt)
        throw ProblemError(
            400, "Paramètre invalide",
            "paramètre « f » : « " + *f + " » n'est pas servi pour une tuile (f=mvt, ou pas de f)");
    // Only what selects features or fields: paging, boxes and CRS have no meaning for a tile.
    const model::Layer& layer = ogc_.collection(collection)->layer();
    for (const auto& entry : r.query)
        if (entry.first != "f" && entry.first != "properties" &&
            layer.field(entry.first) == layer.fields.size())
            throw ProblemError(400, "Paramètre invalide",
                               entry.first +
                                   " : paramètre inconnu pour une tuile (properties, ou une "
                                   "propriété de la collection pour choisir des objets)");
    const ogc::ItemsQuery q = ogc::parse_items_query(*ogc_.collection(collection), r);
    HttpResponse out;
    out.content_type = kMvt;
    out.body = s.tile(zoom, x, y, q.equals, q.properties ? &*q.properties : nullptr);
    out.etag = "W/\"tile-" + std::to_string(std::hash<std::string>()(out.body)) + "\"";
    out.max_age = 3600;
    return out;
}

HttpResponse TileApi::matrix_sets(const HttpRequest& r) const {
    const json doc = {
        {"tileMatrixSets",
         json::array(
             {{{"id", kMatrixSet},
               {"title", "Google Maps Compatible for the World"},
               {"uri", kMatrixSetUri},
               {"links", json::array({link(r.base_url + "/tileMatrixSets/" + kMatrixSet,
                                           "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme",
                                           kJson, "WebMercatorQuad")})}}})}};
    return json_doc(doc, "tilematrixsets");
}

HttpResponse TileApi::matrix_set(const std::string& id) const {
    if (id != kMatrixSet)
        throw ProblemError(404, "Grille inconnue",
                           "grille « " + id + " » : seulement WebMercatorQuad");
    json matrices = json::array();
    for (int z = 0; z <= kMaxZoom; ++z) {
        const double cell = 2 * kMercatorHalf / 256 / std::ldexp(1.0, z);
        matrices.push_back({{"id", std::to_string(z)},
                            {"scaleDenominator", cell / 0.00028},
                            {"cellSize", cell},
                            {"cornerOfOrigin", "topLeft"},
                            {"pointOfOrigin", {-kMercatorHalf, kMercatorHalf}},
                            {"tileWidth", 256},
                            {"tileHeight", 256},
                            {"matrixWidth", 1L << z},
                            {"matrixHeight", 1L << z}});
    }
    const json doc = {
        {"id", kMatrixSet},
        {"title", "Google Maps Compatible for the World"},
        {"uri", kMatrixSetUri},
        {"crs", kMercatorCrs},
        {"orderedAxes", {"X", "Y"}},
        {"wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible"},
        {"tileMatrices", matrices}};
    return json_doc(doc, "tilematrixset");
}

json TileApi::openapi_paths(const ogc::OgcApi& ogc) {
    json paths = json::object();
    auto param = [](const char* name, const char* description) {
        return json{{"name", name},
                    {"in", "path"},
                    {"required", true},
                    {"description", description},
                    {"schema", {{"type", "integer"}, {"minimum", 0}}}};
    };
    const json problems = {{"400", {{"description", "Tuile hors de la grille"}}},
                           {"404", {{"description", "Collection ou grille inconnue"}}}};
    for (const auto& c : ogc.collections()) {
        if (c.layer().kind != model::GeometryKind::multipolygon) continue;
        const std::string base = "/collections/" + c.id() + "/tiles";
        paths[base] = {{"get",
                        {{"operationId", "getTilesets_" + c.id()},
                         {"summary", "Jeux de tuiles vectorielles : " + c.title()},
                         {"responses", {{"200", {{"description", "Liste des jeux de tuiles"}}}}}}}};
        paths[base + "/WebMercatorQuad"] = {
            {"get",
             {{"operationId", "getTileset_" + c.id()},
              {"summary", "Jeu de tuiles WebMercatorQuad : " + c.title()},
              {"responses", {{"200", {{"description", "Métadonnées du jeu de tuiles"}}}}}}}};
        json responses = problems;
        responses["200"] = {
            {"description", "Tuile vectorielle"},
            {"content", {{kMvt, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
        paths[base + "/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}"] = {
            {"get",
             {{"operationId", "getTile_" + c.id()},
              {"summary", "Tuile vectorielle (MVT) : " + c.title()},
              {"parameters",
               json::array({param("tileMatrix", "Niveau de zoom (0–18)"),
                            param("tileRow", "Ligne (depuis le nord)"),
                            param("tileCol", "Colonne (depuis l'ouest)"),
                            json{{"name", "properties"},
                                 {"in", "query"},
                                 {"required", false},
                                 {"description",
                                  "Attributs gardés, séparés par des virgules (défaut : tous) ; "
                                  "un attribut=valeur choisit les objets, comme pour /items"},
                                 {"schema", {{"type", "string"}}}}})},
              {"responses", responses}}}};
    }
    paths["/tileMatrixSets"] = {
        {"get",
         {{"operationId", "getTileMatrixSets"},
          {"summary", "Grilles de tuiles"},
          {"responses", {{"200", {{"description", "Liste des grilles"}}}}}}}};
    const json matrix_set_id = {
        {"name", "tileMatrixSetId"},
        {"in", "path"},
        {"required", true},
        {"schema", {{"type", "string"}, {"enum", json::array({"WebMercatorQuad"})}}}};
    json get = {{"operationId", "getTileMatrixSet"},
                {"summary", "Définition d'une grille de tuiles"},
                {"parameters", json::array({matrix_set_id})}};
    get["responses"] = {{"200", {{"description", "La grille"}}},
                        {"404", {{"description", "Inconnue"}}}};
    paths["/tileMatrixSets/{tileMatrixSetId}"]["get"] = get;
    return paths;
}

}  // namespace palliacarte::tiles
