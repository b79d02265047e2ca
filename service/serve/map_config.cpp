#include "serve/map_config.hpp"

#include <map>
#include <set>

namespace palliacarte::serve {

using nlohmann::json;

namespace {

const std::string* text_at(const model::Feature& f, std::size_t field) {
    if (field >= f.values.size()) return nullptr;
    return std::get_if<std::string>(&f.values[field]);
}

double number_at(const model::Feature& f, std::size_t field, double otherwise) {
    if (field >= f.values.size()) return otherwise;
    if (const auto* d = std::get_if<double>(&f.values[field])) return *d;
    if (const auto* i = std::get_if<std::int64_t>(&f.values[field])) return static_cast<double>(*i);
    return otherwise;
}

}  // namespace

json map_config(const ogc::OgcApi& ogc, const std::string& title,
                const config::WebMapConfig& basemap) {
    struct TypeEntry {
        std::string label, time_model;
        double threshold = 30;
        std::size_t communes = 0;
        std::set<double> limits;
    };
    std::map<std::string, TypeEntry> types;
    std::vector<std::string> order;  // the layer's order (the analysis')
    json extent = nullptr;
    if (const auto* cc = ogc.collection("communes_coverage")) {
        const model::Layer& l = cc->layer();
        const auto type = l.field("type"), label = l.field("type_label"),
                   threshold = l.field("threshold_min"), model = l.field("time_model");
        for (const auto& f : l.features) {
            const std::string* t = text_at(f, type);
            if (!t) continue;
            auto [it, fresh] = types.try_emplace(*t);
            if (fresh) {
                order.push_back(*t);
                if (const auto* s = text_at(f, label)) it->second.label = *s;
                if (const auto* s = text_at(f, model)) it->second.time_model = *s;
                it->second.threshold = number_at(f, threshold, 30);
            }
            ++it->second.communes;
        }
        const auto& e = cc->extent_crs84();
        extent = json::array({e[0], e[1], e[2], e[3]});
    }
    if (const auto* c = ogc.collection("catchments")) {
        const model::Layer& l = c->layer();
        const auto type = l.field("type"), kind = l.field("kind"), limit = l.field("limit_min");
        for (const auto& f : l.features) {
            const std::string* t = text_at(f, type);
            const std::string* k = text_at(f, kind);
            const auto it = t ? types.find(*t) : types.end();
            if (it != types.end() && k && *k == "union")
                it->second.limits.insert(number_at(f, limit, 0));
        }
    }
    json list = json::array();
    for (const auto& name : order) {
        const TypeEntry& t = types.at(name);
        std::set<double> limits = t.limits;
        limits.insert(t.threshold);
        list.push_back(
            {{"type", name},
             {"label", t.label.empty() ? name : t.label},
             {"threshold_min", t.threshold},
             {"catchment_limits_min", json(std::vector<double>(limits.begin(), limits.end()))},
             {"time_model", t.time_model},
             {"communes", t.communes}});
    }
    json doc = {{"title", title}, {"types", list}, {"extent", extent}};
    doc["basemap"] = basemap.basemap.empty() ? json(nullptr) : json(basemap.basemap);
    doc["basemap_attribution"] = basemap.basemap_attribution;
    return doc;
}

}  // namespace palliacarte::serve
