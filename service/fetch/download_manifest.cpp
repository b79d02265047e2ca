#include "fetch/download_manifest.hpp"
#include "core/bounded_json.hpp"

#include <filesystem>
#include <set>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"

namespace palliacarte::fetch {

using nlohmann::json;

namespace {

std::string text(const json& j, const char* key, const std::string& where, bool required) {
    if (!j.contains(key) || j[key].is_null()) {
        if (required) throw core::ConfigError(where + ": '" + key + "' is required");
        return "";
    }
    if (!j[key].is_string()) throw core::ConfigError(where + "." + key + " must be a string");
    return j[key].get<std::string>();
}

std::string replace_all(std::string s, const std::string& what, const std::string& with) {
    for (std::size_t at = s.find(what); at != std::string::npos;
         at = s.find(what, at + with.size()))
        s.replace(at, what.size(), with);
    return s;
}

std::map<std::string, std::vector<std::pair<std::string, double>>> read_neighbours(
    const std::string& file, const std::string& where) {
    std::map<std::string, std::vector<std::pair<std::string, double>>> out;
    core::CsvReader csv = core::CsvReader::open(file);
    const auto a = csv.column("departement"), b = csv.column("voisin"),
               km = csv.column("distance_km");
    if (!a || !b || !km)
        throw core::ConfigError(where + ".margin_from: " + file +
                                " needs the columns departement, voisin, distance_km");
    core::CsvRecord r;
    while (csv.next(r)) {
        const auto d = r.fields.size() > *km ? core::parse_number(r.fields[*km]) : std::nullopt;
        if (!d || r.fields.size() <= std::max(*a, *b))
            throw core::ConfigError(where + ".margin_from: " + file + " " +
                                    palliacarte::core::where(r) +
                                    ": not a departement,voisin,distance_km row");
        out[r.fields[*a]].emplace_back(r.fields[*b], *d);
    }
    return out;
}

}  // namespace

std::string through_mirror(const std::string& url, const std::string& mirror) {
    if (mirror.empty()) return url;
    const auto scheme = url.find("://");
    if (scheme == std::string::npos) return url;
    std::string base = mirror;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/" + url.substr(scheme + 3);
}

DownloadManifest load_download_manifest(const std::string& path,
                                        const std::string& shipped_data_dir) {
    json doc;
    try {
        doc = core::parse_bounded_json(core::read_file(path));
    } catch (const core::DataError& e) {
        throw core::ConfigError(std::string("download manifest: ") + e.what());
    } catch (const json::parse_error& e) {
        throw core::ConfigError(path + ": not valid JSON (" + e.what() + ")");
    }
    if (!doc.is_object() || !doc.contains("sources") || !doc["sources"].is_array())
        throw core::ConfigError(path + ": needs a 'sources' array");
    DownloadManifest m;
    m.path = path;
    for (std::size_t i = 0; i < doc["sources"].size(); ++i) {
        const json& j = doc["sources"][i];
        const std::string where = path + ": sources[" + std::to_string(i) + "]";
        if (!j.is_object()) throw core::ConfigError(where + " must be an object");
        ManifestSource s;
        s.id = text(j, "id", where, true);
        s.variant = text(j, "variant", where, false);
        s.option = text(j, "option", where, false);
        s.title = text(j, "title", where, true);
        s.publisher = text(j, "publisher", where, true);
        s.licence = text(j, "licence", where, true);
        s.vintage = text(j, "vintage", where, true);
        s.url = text(j, "url", where, true);
        s.file = text(j, "file", where, true);
        s.merge_into = text(j, "merge_into", where, false);
        s.resolve_title = text(j, "resolve_title", where, false);
        s.sha256 = text(j, "sha256", where, false);
        if (j.contains("size") && !j["size"].is_null()) {
            if (!j["size"].is_number_unsigned())
                throw core::ConfigError(where + ".size must be a whole number of bytes");
            s.size = j["size"].get<std::uint64_t>();
        }
        for (const json& e : j.value("extract", json::array())) {
            ManifestExtract x;
            x.from = text(e, "from", where + ".extract", false);
            x.member = text(e, "member", where + ".extract", true);
            x.to = text(e, "to", where + ".extract", true);
            if (e.contains("keep_rows")) {
                x.commune_codes_column =
                    text(e["keep_rows"], "commune_codes_column", where + ".keep_rows", false);
                x.grid_id_column =
                    text(e["keep_rows"], "grid_id_column", where + ".keep_rows", false);
            }
            s.extract.push_back(x);
        }
        if (j.contains("regions"))
            s.regions = j["regions"].get<std::map<std::string, std::vector<std::string>>>();
        if (const std::string table = text(j, "margin_from", where, false); !table.empty()) {
            std::filesystem::path file = std::filesystem::path(path).parent_path() / table;
            if (!std::filesystem::exists(file) && !shipped_data_dir.empty())
                file = std::filesystem::path(shipped_data_dir) / table;
            s.neighbours = read_neighbours(file.string(), where);
        }
        if (j.contains("population_grid")) s.population_grid = j["population_grid"];
        m.sources.push_back(std::move(s));
    }
    return m;
}

std::vector<PlannedDownload> plan_downloads(const DownloadManifest& manifest,
                                            const FetchChoice& choice) {
    std::set<std::string> grids;
    for (const auto& s : manifest.sources)
        if (s.id == "population-grid") grids.insert(s.variant);
    if (choice.grid != "none" && !grids.count(choice.grid)) {
        std::string known;
        for (const auto& g : grids) known += (known.empty() ? "" : ", ") + g;
        throw core::ConfigError("grille de population inconnue '" + choice.grid +
                                "' (connues : " + known + ", none)");
    }
    std::vector<PlannedDownload> plan;
    for (const auto& s : manifest.sources) {
        if (s.id == "population-grid" && s.variant != choice.grid) continue;
        if (s.option == "--with-roads" && !choice.with_roads) continue;
        auto add = [&](const std::string& key, const std::string& value) {
            PlannedDownload d;
            d.source = &s;
            d.url =
                through_mirror(key.empty() ? s.url : replace_all(s.url, key, value), choice.mirror);
            d.file = key.empty() ? s.file : replace_all(s.file, key, value);
            d.part = value;
            plan.push_back(d);
        };
        if (s.url.find("{departement}") != std::string::npos) {
            for (const auto& dep : choice.departements) add("{departement}", dep);
        } else if (s.url.find("{region}") != std::string::npos) {
            auto region_of = [&](const std::string& dep) {
                for (const auto& [region, deps] : s.regions)
                    for (const auto& d : deps)
                        if (d == dep) return region;
                return std::string();
            };
            std::set<std::string> regions;
            for (const auto& dep : choice.departements) {
                const std::string found = region_of(dep);
                if (found.empty())
                    throw core::ConfigError("aucun extrait " + s.id + " ne couvre le département " +
                                            dep + " (" + manifest.path + ")");
                regions.insert(found);
            }
            // Structures within the margin may lie in a neighbouring region: its extract too,
            // so that they sit on the network (one graph of all the extracts).
            std::map<std::string, std::set<std::string>> for_margin;
            for (const auto& dep : choice.departements) {
                const auto it = s.neighbours.find(dep);
                if (it == s.neighbours.end()) continue;
                for (const auto& [other, km] : it->second) {
                    const std::string region = region_of(other);
                    if (choice.margin_km > 0 && km <= choice.margin_km && !region.empty() &&
                        !regions.count(region))
                        for_margin[region].insert(other);
                }
            }
            for (const auto& r : regions) add("{region}", r);
            for (const auto& [r, deps] : for_margin) {
                add("{region}", r);
                plan.back().margin_departements.assign(deps.begin(), deps.end());
            }
        } else {
            add("", "");
        }
    }
    return plan;
}

}  // namespace palliacarte::fetch
