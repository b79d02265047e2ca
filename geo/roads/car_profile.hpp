#pragma once
// The car profile: how fast a car drives on each road class, how to read speed limits and
// access restrictions. Data (data/profiles/car-fr.json), not code.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace palliacarte::roads {

enum class RoadContext { rural, urban };

class CarProfile {
  public:
    /// @throws ConfigError naming the file.
    static CarProfile load(const std::string& path);
    static CarProfile from_json_text(const std::string& text, const std::string& name);

    const std::string& name() const { return name_; }
    /// @brief Free-flow speed for a road class; empty for classes cars do not use.
    std::optional<double> class_speed_kmh(std::string_view road_class, RoadContext context) const;
    bool is_routable_class(std::string_view road_class) const;
    /// @brief An OSM-style maxspeed value in km/h ("50", "30 mph", "FR:urban", "walk");
    /// empty when it says nothing usable ("none", "signals", garbage). Lists take the lowest.
    std::optional<double> parse_maxspeed_kmh(std::string_view value) const;
    /// @brief A legal limit turned into a realistic driving speed.
    double realistic_kmh(double maxspeed_kmh) const { return maxspeed_kmh * maxspeed_factor_; }
    bool access_excluded(std::string_view value) const {
        return excluded_access_.count(std::string(value)) > 0;
    }
    bool implied_oneway(std::string_view road_class) const {
        return oneway_classes_.count(std::string(road_class)) > 0;
    }
    double off_network_kmh() const { return off_network_kmh_; }
    RoadContext default_context() const { return default_context_; }
    double maxspeed_factor() const { return maxspeed_factor_; }

  private:
    std::string name_;
    std::map<std::string, std::pair<double, double>, std::less<>> class_speeds_;  // rural, urban
    std::set<std::string, std::less<>> excluded_classes_;
    std::map<std::string, double, std::less<>> maxspeed_values_;
    std::set<std::string> excluded_access_;
    std::set<std::string> oneway_classes_;
    double maxspeed_factor_ = 0.85;
    double off_network_kmh_ = 15;
    RoadContext default_context_ = RoadContext::rural;
};

}  // namespace palliacarte::roads
