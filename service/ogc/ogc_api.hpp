#pragma once
// OGC API – Features, Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and Part 2 (CRS by reference)
// over a set of in-memory collections: landing page, conformance, OpenAPI document,
// collections, items and single features.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/http_message.hpp"
#include "ogc/feature_collection.hpp"

namespace palliacarte::ogc {

struct ServiceInfo {
    std::string title = "palliacarte";
    std::string description;
    /// What the served analysis rests on (sources, vintages, time model: the analyze run's
    /// metadata.json); shown on the landing page when set.
    nlohmann::json metadata;
};

class OgcApi {
  public:
    OgcApi(ServiceInfo info, std::vector<FeatureCollection> collections);

    // The OGC API – Features resources. Each throws http::ProblemError for bad parameters
    // (400), unknown collections/features (404), unsupported formats (406).
    http::HttpResponse landing(const http::HttpRequest& r) const;
    http::HttpResponse conformance(const http::HttpRequest& r) const;
    /// The OpenAPI document listing `paths` (the service's route table documents them).
    http::HttpResponse api(const http::HttpRequest& r, const nlohmann::json& paths) const;
    http::HttpResponse collections_doc(const http::HttpRequest& r) const;
    http::HttpResponse collection_doc(const http::HttpRequest& r, const std::string& id) const;
    http::HttpResponse items(const http::HttpRequest& r, const std::string& id) const;
    /// The JSON Schema of a collection's features (Part 5; collection_schema.hpp).
    http::HttpResponse schema(const http::HttpRequest& r, const std::string& id) const;
    http::HttpResponse item(const http::HttpRequest& r, const std::string& collection_id,
                            const std::string& id) const;

    const FeatureCollection* collection(const std::string& id) const;
    const std::vector<FeatureCollection>& collections() const { return collections_; }
    const ServiceInfo& info() const { return info_; }

    /// @brief The OpenAPI 3.0 document: info, server `base_url`, `paths`.
    nlohmann::json openapi_document(const std::string& base_url, const nlohmann::json& paths) const;

  private:
    const FeatureCollection& collection_or_404(const std::string& id) const;
    nlohmann::json collection_json(const std::string& base, const FeatureCollection& c) const;

    ServiceInfo info_;
    std::vector<FeatureCollection> collections_;
    std::string version_;  // part of every ETag: changes when the served data does
    std::array<double, 4> territory_extent_{};  // CRS84, for collections with no feature
};

/// @brief "json" or "html" from `f`, else from Accept (browsers get HTML); other `f` → 406.
std::string negotiate_format(const http::HttpRequest& request);

/// @brief `text` percent-encoded for a URL query value.
std::string url_encode(const std::string& text);

// OpenAPI path items of the OGC resources, keyed by path (openapi_document.cpp); the items
// paths are written per collection, with each one's filterable properties.
nlohmann::json openapi_landing_paths();
nlohmann::json openapi_collection_paths(const std::vector<FeatureCollection>& collections);
nlohmann::json openapi_items_paths(const std::vector<FeatureCollection>& collections);
nlohmann::json openapi_item_paths(const std::vector<FeatureCollection>& collections);
nlohmann::json openapi_schema_paths(const std::vector<FeatureCollection>& collections);

}  // namespace palliacarte::ogc
