#include "inspect/territory_summary.hpp"

#include <map>
#include <set>
#include <string_view>

#include "crs/crs_transform.hpp"
#include "roads/road_graph.hpp"

namespace palliacarte::inspect {

using nlohmann::json;

namespace {

json commune_section(const model::Territory& t) {
    double area = 0;
    std::set<int> epsgs;
    for (const auto& c : t.communes) {
        area += c.area_m2;
        epsgs.insert(c.epsg);
    }
    const auto& s = t.load.commune_stats;
    const auto& p = t.load.population_stats;
    json without = json::array();
    for (const auto& code : p.communes_without_population) {
        const model::Commune* c = t.find_commune(code);
        without.push_back({{"insee", code}, {"name", c ? c->name : ""}});
    }
    json crs = json::array();
    for (int e : epsgs) crs.push_back(crs::epsg_string(e));
    return {
        {"source", s.path},
        {"fields",
         {{"code", s.code_field}, {"name", s.name_field}, {"population", s.population_field}}},
        {"source_crs", s.source_crs.size() > 40 ? s.source_crs.substr(0, 40) + "…" : s.source_crs},
        {"crs", crs},
        {"features_read", s.features_read},
        {"features_rejected", s.features_rejected},
        {"invalid_repaired", s.invalid_repaired},
        {"merged_communes", s.merged_communes},
        {"count", t.communes.size()},
        {"area_km2", area / 1e6},
        {"population",
         {{"source", p.source},
          {"from_grid", t.population.from_grid},
          {"total", t.population.total},
          {"communes_with_population", p.communes_with_population},
          {"communes_without_population", without},
          {"without_polygon",
           {{"count", p.population_without_polygon.size()},
            {"inhabitants", p.inhabitants_without_polygon},
            {"codes", p.population_without_polygon}}}}}};
}

json structure_section(const model::Territory& t) {
    std::map<std::string, std::map<std::string, std::size_t>> by_type;
    std::map<std::string, double> capacity;
    std::map<std::string, std::set<std::string>> units, activities;
    std::size_t outside = 0;
    for (const auto& s : t.structures) {
        auto& row = by_type[s.type];
        ++row["total"];
        if (!s.intervention_communes.empty()) ++row["with_zone"];
        if (s.position) ++row["with_position"];
        if (s.capacity) {
            capacity[s.type] += *s.capacity;
            units[s.type].insert(s.capacity_unit);
        }
        // "ASR R4/N2, ASR R4/W2": the activity codes that made the type (FINESS+).
        std::string_view rest = s.activities;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(", ");
            activities[s.type].insert(std::string(rest.substr(0, comma)));
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
        }
        ++row[to_string(s.placement)];
        if (s.position && s.outside_distance_m > 0) {
            ++row["outside_territory"];
            ++outside;
        }
        if (!s.position_problem.empty()) ++row["position_rejected"];
    }
    json types = json::array();
    for (const auto& type : t.types.types()) {
        const auto it = by_type.find(type.code);
        if (it == by_type.end()) continue;
        auto get = [&](const char* k) {
            const auto f = it->second.find(k);
            return f == it->second.end() ? std::size_t{0} : f->second;
        };
        types.push_back(
            {{"type", type.code},
             {"label", type.label},
             {"total", get("total")},
             {"located", get("located")},
             {"declared_area_only", get("declared_area_only")},
             {"unlocated", get("unlocated")},
             {"outside_territory", get("outside_territory")},
             {"position_rejected", get("position_rejected")},
             {"with_position", get("with_position")},
             {"with_zone", get("with_zone")},
             {"capacity", capacity.count(type.code) ? json(capacity[type.code]) : json(nullptr)},
             {"capacity_units", units[type.code]},
             {"activities", activities[type.code]}});
    }
    // Record-level rejections, by reason.
    std::set<std::string> structure_files;
    for (const auto& src : t.load.structure_sources) structure_files.insert(src.path);
    std::map<std::string, std::size_t> rejected;
    std::size_t rejected_total = 0;
    for (const auto& d : t.load.report.entries()) {
        if (!structure_files.count(d.file)) continue;
        if (d.severity == core::Severity::rejected) {
            ++rejected[d.reason];
            ++rejected_total;
        }
    }
    json sources = json::array();
    for (const auto& src : t.load.structure_sources)
        sources.push_back({{"path", src.path},
                           {"format", src.format},
                           {"records", src.records},
                           {"selected", src.selected},
                           {"kept", src.kept}});
    std::size_t located = 0, area_only = 0, unlocated = 0, position_rejected = 0;
    for (const auto& s : t.structures) {
        position_rejected += !s.position_problem.empty();
        located += s.placement == model::Placement::located;
        area_only += s.placement == model::Placement::declared_area_only;
        unlocated += s.placement == model::Placement::unlocated;
    }
    return {{"total", t.structures.size()},
            {"located", located},
            {"declared_area_only", area_only},
            {"unlocated", unlocated},
            {"outside_territory", outside},
            {"positions_rejected", position_rejected},
            {"rejected", {{"count", rejected_total}, {"by_reason", rejected}}},
            {"by_type", types},
            {"sources", sources}};
}

json territories_section(const model::Territory& t) {
    json out = json::array();
    for (const auto& g : t.groupings) {
        std::map<std::string, std::pair<std::size_t, std::int64_t>> stats;
        for (const auto& [insee, name] : g.territory_of_commune) {
            auto& s = stats[name];
            ++s.first;
            if (const model::Commune* c = t.find_commune(insee); c && c->population)
                s.second += *c->population;
        }
        json items = json::array();
        for (const auto& name : g.territories)
            items.push_back({{"name", name},
                             {"communes", stats[name].first},
                             {"population", stats[name].second}});
        out.push_back({{"name", g.name},
                       {"label", g.label},
                       {"territories", items},
                       {"unassigned_communes", g.unassigned_communes}});
    }
    return out;
}

json diagnostics_section(const model::Territory& t, std::size_t max_entries) {
    json entries = json::array();
    for (const auto& d : t.load.report.entries()) {
        if (entries.size() >= max_entries) break;
        entries.push_back({{"severity", to_string(d.severity)},
                           {"file", d.file},
                           {"where", d.where},
                           {"reason", d.reason},
                           {"message", d.message}});
    }
    json by_reason = json::object();
    for (const auto sev : {core::Severity::rejected, core::Severity::warning, core::Severity::info})
        for (const auto& [reason, n] : t.load.report.counts_by_reason(sev)) by_reason[reason] = n;
    return {{"rejected", t.load.report.count(core::Severity::rejected)},
            {"warnings", t.load.report.count(core::Severity::warning)},
            {"info", t.load.report.count(core::Severity::info)},
            {"by_reason", by_reason},
            {"entries", entries}};
}

json roads_section(const model::Territory& t) {
    if (!t.roads)
        return {
            {"model", "crow-fly"},
            {"detour_factor", t.crow_fly.detour_factor},
            {"speed_kmh", t.crow_fly.speed_kmh},
            {"note", "pas de réseau routier configuré : temps estimés à vol d'oiseau (distance × " +
                         std::to_string(t.crow_fly.detour_factor).substr(0, 4) + " à " +
                         std::to_string(static_cast<int>(t.crow_fly.speed_kmh)) + " km/h)"}};
    const auto& s = t.load.road_stats;
    double km = 0;
    for (const float l : t.roads->length_m) km += l / 1000.0;
    json files = json::array();
    for (const auto& f : s.files)
        files.push_back({{"path", f.path},
                         {"features", f.features},
                         {"shared_features", f.shared_features},
                         {"links", f.links},
                         {"junctions", f.junctions},
                         {"shared_junctions", f.shared_junctions}});
    return {{"model", "road"},
            {"source", s.path},
            {"files", files},
            {"loops", s.loops},
            {"features", s.features},
            {"links", s.links},
            {"rejected", s.rejected},
            {"skipped_classes", s.skipped_classes},
            {"speed_from",
             {{"profile", s.speed_from_profile},
              {"field", s.speed_from_field},
              {"default", s.speed_default}}},
            {"nodes", t.roads->node_count()},
            {"edges", t.roads->edge_count()},
            {"directed_km", km},
            {"components", s.graph.components},
            {"dropped_nodes", s.graph.dropped_nodes},
            {"dropped_edges", s.graph.dropped_edges},
            {"merged_nodes", s.graph.merged_nodes},
            {"edges_before_merge", s.graph.edges_before_merge},
            {"memory_mb", static_cast<double>(t.roads->memory_bytes()) / 1e6},
            {"build_seconds", s.build_seconds},
            {"load_seconds", s.seconds},
            {"from_cache", s.from_cache},
            {"cache_file", t.road_access.cache_file}};
}

}  // namespace

json summarize_territory(const config::TerritoryConfig& c, const model::Territory& t,
                         std::size_t max_diagnostics) {
    json timings = json::object();
    for (const auto& s : t.load.timings) timings[s.step] = s.seconds;
    return {{"territory", t.name},
            {"config", t.config_path},
            {"data_root", {{"path", c.data_root}, {"from", c.data_root_origin}}},
            {"crs", crs::epsg_string(t.epsg)},
            {"departements", c.departements},
            {"communes", commune_section(t)},
            {"structures", structure_section(t)},
            {"territories", territories_section(t)},
            {"roads", roads_section(t)},
            {"diagnostics", diagnostics_section(t, max_diagnostics)},
            {"timings_s", timings}};
}

}  // namespace palliacarte::inspect
