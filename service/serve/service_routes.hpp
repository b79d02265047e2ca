#pragma once
// The service's route table: every path it answers (OGC API – Features, the on-demand
// analyses and the web map), with its method, whether it is slow, its handler and its OpenAPI
// entry, in one list (service_routes.cpp). Adding an endpoint is one entry there.
#include <memory>

#include "http/http_message.hpp"
#include "http/route_table.hpp"
#include "serve/served_dataset.hpp"
#include "serve/web_files.hpp"
#include "tiles/tiles_api.hpp"

namespace palliacarte::serve {

class ServiceRoutes {
  public:
    /// @brief The routes of `dataset`; the map at /carte from `web` (none: /carte answers 503).
    explicit ServiceRoutes(const ServedDataset& dataset, const WebFiles* web = nullptr);
    ServiceRoutes(const ServiceRoutes&) = delete;  // handlers refer to this table
    ServiceRoutes& operator=(const ServiceRoutes&) = delete;

    http::Route route(const std::string& path) const { return table_.route(path); }
    /// @throws http::ProblemError (answered as problem+json by the server).
    http::HttpResponse handle(const http::HttpRequest& request) const {
        return table_.handle(request);
    }

  private:
    // The route groups, in the order they are matched.
    void add_features_routes(const ogc::OgcApi& ogc);                      ///< OGC API – Features
    void add_web_map_routes(const ogc::OgcApi& ogc, const WebFiles* web);  ///< /carte
    void add_tile_routes(const ogc::OgcApi& ogc);                          ///< OGC API – Tiles
    void add_on_demand_routes(const ServedDataset& d);                     ///< /analysis/…

    http::RouteTable table_;
    std::unique_ptr<tiles::TileApi> tiles_;
};

}  // namespace palliacarte::serve
