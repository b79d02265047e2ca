#include "output/geojson_file_writer.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/errors.hpp"
#include "core/parallel.hpp"
#include "crs/crs_transform.hpp"
#include "output/geojson_text.hpp"

namespace palliacarte::output {

namespace {

constexpr int kDegreeDecimals = 7;
using Extent = std::array<double, 4>;  // west, south, east, north
constexpr Extent kEmpty{1e300, 1e300, -1e300, -1e300};

void grow(Extent& e, const model::Point& p) {
    e = {std::min(e[0], p.x), std::min(e[1], p.y), std::max(e[2], p.x), std::max(e[3], p.y)};
}

void append_bbox(std::string& out, const Extent& e) {
    out += "\"bbox\":[";
    for (int i = 0; i < 4; ++i) {
        if (i) out.push_back(',');
        append_json_number(out, e[i], kDegreeDecimals);
    }
    out += "],";
}

// One feature in degrees; `extent` grows by its geometry.
void append_feature(std::string& out, const model::Layer& layer, std::size_t i,
                    const crs::CrsTransform& to, Extent& extent) {
    const model::Feature& f = layer.features[i];
    std::string geometry;
    Extent box = kEmpty;
    if (const auto* p = std::get_if<model::Point>(&f.geometry)) {
        model::Point d = *p;
        to.transform(d.x, d.y);
        grow(box, d);
        append_geojson_geometry(geometry, d, kDegreeDecimals, false);
    } else if (const auto* mp = std::get_if<model::MultiPolygon>(&f.geometry)) {
        model::MultiPolygon d = *mp;
        to.transform(d);
        for (const auto& poly : d)
            for (const auto& pt : poly.outer()) grow(box, pt);
        append_geojson_geometry(geometry, d, kDegreeDecimals, false);
    } else {
        geometry = "null";
    }
    out += "{\"type\":\"Feature\",\"id\":";
    out += std::to_string(i + 1);
    out.push_back(',');
    if (box[0] <= box[2]) {
        append_bbox(out, box);
        for (const model::Point& c : {model::Point{box[0], box[1]}, model::Point{box[2], box[3]}})
            grow(extent, c);
    }
    out += "\"properties\":";
    append_properties(out, layer, f);
    out += ",\"geometry\":";
    out += geometry;
    out.push_back('}');
}

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

// The text goes to `path`.partial, renamed at the end: a failed run leaves no truncated file.
struct PartialFile {
    std::string path;
    bool done = false;
    ~PartialFile() {
        std::error_code ec;
        if (!done) std::filesystem::remove(path, ec);
    }
};

}  // namespace

void write_geojson(const std::string& path, const model::Layer& layer,
                   const std::string& metadata) {
    PartialFile partial{path + ".partial"};
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(partial.path.c_str(), "wb"));
    if (!file) throw core::DataError(path, "impossible de créer le fichier");
    auto put = [&](const std::string& text) {
        if (std::fwrite(text.data(), 1, text.size(), file.get()) != text.size())
            throw core::DataError(path, "écriture impossible (disque plein ?)");
    };
    // Features are encoded in blocks on all cores and written in order, a batch of blocks at a
    // time: the whole text is never held at once.
    const std::size_t n = layer.features.size();
    // Small enough blocks that a layer of a few large polygons (catchments) still spreads.
    const std::size_t block_size = std::clamp<std::size_t>(n / (core::worker_count(n) * 8), 1, 64);
    const std::size_t blocks = (n + block_size - 1) / block_size;
    const std::size_t workers = core::worker_count(blocks);
    std::vector<std::unique_ptr<crs::CrsTransform>> to_degrees;
    for (std::size_t w = 0; w < workers; ++w)
        to_degrees.push_back(
            std::make_unique<crs::CrsTransform>(crs::epsg_string(layer.epsg), "OGC:CRS84"));
    std::string head = "{\"type\":\"FeatureCollection\",\"name\":";
    append_json_string(head, layer.name);
    head += ",\"description\":";
    append_json_string(head, layer.title);
    if (!metadata.empty()) head.append(",\"metadata\":").append(metadata);
    head += ",\"features\":[\n";
    put(head);
    Extent extent = kEmpty;
    const std::size_t batch = workers * 8;
    for (std::size_t first = 0; first < blocks; first += batch) {
        const std::size_t count = std::min(batch, blocks - first);
        std::vector<std::string> text(count);
        std::vector<Extent> extents(count, kEmpty);
        core::parallel_for(count, workers, [&](std::size_t b, std::size_t w) {
            const std::size_t from = (first + b) * block_size, to = std::min(n, from + block_size);
            for (std::size_t i = from; i < to; ++i) {
                if (i) text[b] += ",\n";
                append_feature(text[b], layer, i, *to_degrees[w], extents[b]);
            }
        });
        for (std::size_t b = 0; b < count; ++b) {
            put(text[b]);
            for (const model::Point& c : {model::Point{extents[b][0], extents[b][1]},
                                          model::Point{extents[b][2], extents[b][3]}})
                if (extents[b][0] <= extents[b][2]) grow(extent, c);
        }
    }
    // The collection's bbox comes last (JSON members are unordered; RFC 7946 §5).
    std::string tail = "\n]";
    if (extent[0] <= extent[2]) {
        tail.push_back(',');
        append_bbox(tail, extent);
        tail.pop_back();  // the trailing comma
    }
    tail += "}\n";
    put(tail);
    if (std::fclose(file.release()) != 0)
        throw core::DataError(path, "écriture impossible (disque plein ?)");
    std::error_code ec;
    std::filesystem::rename(partial.path, path, ec);
    if (ec) throw core::DataError(path, "impossible de remplacer le fichier : " + ec.message());
    partial.done = true;
}

}  // namespace palliacarte::output
