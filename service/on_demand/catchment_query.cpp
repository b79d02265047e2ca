#include "on_demand/catchment_query.hpp"

#include <algorithm>

#include "http/request_params.hpp"

namespace palliacarte::on_demand {

namespace {

const std::string* find(const std::map<std::string, std::string>& query, const std::string& key) {
    const auto it = query.find(key);
    return it == query.end() ? nullptr : &it->second;
}

std::vector<double> parse_minutes(const std::string* text, const std::vector<double>& fallback) {
    std::vector<double> out;
    if (text) {
        for (const std::string& part : http::split(*text, ',')) {
            const double v = http::parse_number("minutes", part);
            if (v <= 0 || v > kMaxMinutes)
                throw http::bad_parameter("minutes",
                                          "chaque valeur doit être au-dessus de 0 et au plus " +
                                              std::to_string(static_cast<int>(kMaxMinutes)));
            out.push_back(v);
        }
    } else {
        out = fallback;
    }
    if (out.empty()) throw http::bad_parameter("minutes", "aucune valeur");
    if (out.size() > kMaxThresholds)
        throw http::bad_parameter("minutes",
                                  "au plus " + std::to_string(kMaxThresholds) + " seuils");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace

LonLat checked_lonlat(double lon, double lat, const std::string& what) {
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
        throw http::bad_parameter(
            what, "la longitude doit être dans [-180, 180] et la latitude dans [-90, 90]");
    return {lon, lat};
}

CatchmentQuery parse_catchment_query(const std::map<std::string, std::string>& query,
                                     const std::vector<double>& default_minutes) {
    for (const auto& [name, value] : query)
        if (name != "structure" && name != "lon" && name != "lat" && name != "minutes" &&
            name != "type")
            throw http::bad_parameter(name,
                                      "paramètre inconnu (structure, lon, lat, minutes, type)");
    CatchmentQuery q;
    q.minutes = parse_minutes(find(query, "minutes"), default_minutes);
    const std::string* lon = find(query, "lon");
    const std::string* lat = find(query, "lat");
    if (const std::string* id = find(query, "structure")) {
        if (lon || lat)
            throw http::bad_parameter("structure", "donnez structure ou lon/lat, pas les deux");
        q.structure = *id;
        return q;
    }
    if (!lon || !lat)
        throw http::bad_parameter("lon", "donnez structure=ID, ou lon et lat (degrés WGS84)");
    q.point =
        checked_lonlat(http::parse_number("lon", *lon), http::parse_number("lat", *lat), "lon");
    if (const std::string* t = find(query, "type")) q.type = *t;
    return q;
}

}  // namespace palliacarte::on_demand
