#include "fetch/fetch_record.hpp"
#include "core/bounded_json.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace palliacarte::fetch {

using nlohmann::json;

FetchRecord FetchRecord::load(const std::string& dir) {
    FetchRecord r;
    r.dir_ = dir;
    std::ifstream in(r.path());
    if (!in) return r;
    try {
        std::stringstream ss;
        ss << in.rdbuf();
        const json doc = core::parse_bounded_json(ss.str());
        r.departements = doc.value("departements", std::vector<std::string>{});
        r.with_roads = doc.value("with_roads", false);
        r.margin_km = doc.value("margin_km", 30.0);
        r.grid = doc.value("grid", "");
        r.population_grid = doc.value("population_grid", json());
        for (const auto& [file, j] : doc.at("files").items()) {
            FetchedFile f;
            f.source_id = j.value("source", "");
            f.variant = j.value("variant", "");
            f.title = j.value("title", "");
            f.publisher = j.value("publisher", "");
            f.licence = j.value("licence", "");
            f.vintage = j.value("vintage", "");
            f.url = j.value("url", "");
            f.derived_from = j.value("derived_from", "");
            f.bytes = j.value("bytes", std::uint64_t{0});
            f.sha256 = j.value("sha256", "");
            f.fetched_at = j.value("fetched_at", "");
            f.note = j.value("note", "");
            r.files_[file] = f;
        }
    } catch (const json::exception&) {
        r.files_.clear();  // damaged: every file will be checked and fetched again
    }
    return r;
}

void FetchRecord::save() const {
    json files = json::object();
    for (const auto& [file, f] : files_) {
        json j = {{"source", f.source_id}, {"title", f.title},          {"publisher", f.publisher},
                  {"licence", f.licence},  {"vintage", f.vintage},      {"bytes", f.bytes},
                  {"sha256", f.sha256},    {"fetched_at", f.fetched_at}};
        if (!f.variant.empty()) j["variant"] = f.variant;
        if (!f.url.empty()) j["url"] = f.url;
        if (!f.derived_from.empty()) j["derived_from"] = f.derived_from;
        if (!f.note.empty()) j["note"] = f.note;
        files[file] = j;
    }
    json doc = {{"about",
                 "Written by palliacarte fetch: every file of this folder, where it comes "
                 "from and its SHA-256. palliacarte init reads it."},
                {"departements", departements},
                {"with_roads", with_roads},
                {"margin_km", margin_km},
                {"grid", grid},
                {"files", files}};
    if (!population_grid.is_null()) doc["population_grid"] = population_grid;
    const std::string part = path() + ".part";
    {
        std::ofstream out(part);
        out << doc.dump(2) << "\n";
    }
    std::filesystem::rename(part, path());
}

const FetchedFile* FetchRecord::find(const std::string& file) const {
    const auto it = files_.find(file);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace palliacarte::fetch
