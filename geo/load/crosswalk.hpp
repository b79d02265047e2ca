#pragma once
// INSEE code crosswalk between COG vintages (communes merge, split and are restored).
#include <string>
#include <unordered_map>

#include "config/territory_config.hpp"
#include "core/load_report.hpp"

namespace palliacarte::load {

class Crosswalk {
  public:
    /// @throws DataError if the file cannot be read or lacks the code columns.
    static Crosswalk load(const std::string& path, const config::CrosswalkConfig& config,
                          core::LoadReport& report);

    /// @brief The current code for `old_code`; `old_code` itself when not listed.
    const std::string& current(const std::string& old_code) const;
    bool contains(const std::string& old_code) const { return map_.count(old_code) > 0; }
    std::size_t size() const { return map_.size(); }
    void add(std::string from, std::string to) { map_[std::move(from)] = std::move(to); }

  private:
    std::unordered_map<std::string, std::string> map_;
};

}  // namespace palliacarte::load
