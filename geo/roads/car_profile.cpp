#include "roads/car_profile.hpp"
#include "core/bounded_json.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/csv_reader.hpp"
#include "core/errors.hpp"

namespace palliacarte::roads {

CarProfile CarProfile::load(const std::string& path) {
    return from_json_text(core::read_config_file(path, "road profile"), path);
}

CarProfile CarProfile::from_json_text(const std::string& text, const std::string& name) {
    CarProfile p;
    try {
        const auto doc = core::parse_bounded_json(text);
        p.name_ = doc.value("name", name);
        for (const auto& [cls, v] : doc.at("class_speeds_kmh").items()) {
            const double rural = v.is_number() ? v.get<double>() : v.at("rural").get<double>();
            const double urban = v.is_number() ? rural : v.value("urban", rural);
            if (rural <= 0 || urban <= 0)
                throw core::ConfigError(name + ": speed of '" + cls + "' must be positive");
            p.class_speeds_[cls] = {rural, urban};
        }
        for (const auto& c : doc.value("excluded_classes", std::vector<std::string>{}))
            p.excluded_classes_.insert(c);
        const nlohmann::json maxspeeds = doc.value("maxspeed_values_kmh", nlohmann::json::object());
        for (const auto& [k, v] : maxspeeds.items()) p.maxspeed_values_[k] = v.get<double>();
        for (const auto& a : doc.value("excluded_access", std::vector<std::string>{}))
            p.excluded_access_.insert(a);
        for (const auto& c : doc.value("oneway_classes", std::vector<std::string>{}))
            p.oneway_classes_.insert(c);
        p.maxspeed_factor_ = doc.value("maxspeed_factor", 0.85);
        p.off_network_kmh_ = doc.value("off_network_kmh", 15.0);
        const std::string ctx = doc.value("default_context", "rural");
        if (ctx != "rural" && ctx != "urban")
            throw core::ConfigError(name + ": default_context must be rural or urban");
        p.default_context_ = ctx == "urban" ? RoadContext::urban : RoadContext::rural;
        if (p.maxspeed_factor_ <= 0 || p.maxspeed_factor_ > 1.5 || p.off_network_kmh_ <= 0)
            throw core::ConfigError(name +
                                    ": maxspeed_factor and off_network_kmh must be positive");
    } catch (const nlohmann::json::exception& e) {
        throw core::ConfigError(name + ": not a valid road profile: " + e.what());
    }
    if (p.class_speeds_.empty()) throw core::ConfigError(name + ": no class_speeds_kmh");
    return p;
}

std::optional<double> CarProfile::class_speed_kmh(std::string_view road_class,
                                                  RoadContext context) const {
    const auto it = class_speeds_.find(road_class);
    if (it == class_speeds_.end()) return std::nullopt;
    return context == RoadContext::urban ? it->second.second : it->second.first;
}

bool CarProfile::is_routable_class(std::string_view road_class) const {
    return class_speeds_.find(road_class) != class_speeds_.end() &&
           excluded_classes_.find(road_class) == excluded_classes_.end();
}

std::optional<double> CarProfile::parse_maxspeed_kmh(std::string_view value) const {
    value = core::trim(value);
    if (value.empty()) return std::nullopt;
    // "50;30" or "50|30": several limits (by lane or time); the lowest is the safe reading.
    const auto sep = value.find_first_of(";|");
    if (sep != std::string_view::npos) {
        const auto a = parse_maxspeed_kmh(value.substr(0, sep));
        const auto b = parse_maxspeed_kmh(value.substr(sep + 1));
        if (a && b) return std::min(*a, *b);
        return a ? a : b;
    }
    if (const auto it = maxspeed_values_.find(value); it != maxspeed_values_.end())
        return it->second;
    double factor = 1.0;
    if (value.size() > 3 && value.substr(value.size() - 3) == "mph") {
        factor = 1.609344;
        value = core::trim(value.substr(0, value.size() - 3));
    } else if (value.size() > 4 && value.substr(value.size() - 4) == "km/h") {
        value = core::trim(value.substr(0, value.size() - 4));
    }
    const auto v = core::parse_number(value);
    if (!v || *v <= 0 || *v > 200) return std::nullopt;
    return *v * factor;
}

}  // namespace palliacarte::roads
