#pragma once
// DIR/fetch-record.json: what `palliacarte fetch` put in DIR — every file with its source,
// publisher, licence, vintage, URL, size, SHA-256 and date — so that a re-run can tell a valid
// file from a damaged one, `palliacarte init` can write a config from it, and every output can
// name the data it rests on.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/utc_time.hpp"  // utc_now(), for the records' dates

namespace palliacarte::fetch {

struct FetchedFile {
    std::string source_id, variant, title, publisher, licence, vintage, url;
    std::string derived_from;  ///< for a file taken out of another one (archive member, merge)
    std::uint64_t bytes = 0;
    std::string sha256;
    std::string fetched_at;  ///< UTC, ISO 8601
    std::string note;        ///< e.g. "12 345 lignes sur 2 301 234 gardées"
};

class FetchRecord {
  public:
    /// @brief Reads DIR/fetch-record.json if there is one (a damaged one is started afresh).
    static FetchRecord load(const std::string& dir);
    /// @brief Writes it (through a .part file).
    void save() const;

    const FetchedFile* find(const std::string& file) const;
    void put(const std::string& file, FetchedFile f) { files_[file] = std::move(f); }
    const std::map<std::string, FetchedFile>& files() const { return files_; }

    std::vector<std::string> departements;
    bool with_roads = false;
    double margin_km = 30;  ///< structure margin the road extracts were chosen for
    std::string grid;
    nlohmann::json population_grid;  ///< the config block for the grid fetched
    std::string path() const { return dir_ + "/fetch-record.json"; }

  private:
    std::string dir_;
    std::map<std::string, FetchedFile> files_;
};

}  // namespace palliacarte::fetch
