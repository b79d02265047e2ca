#pragma once
// `items` parameters → a validated ItemsQuery. Every mistake is a 400 naming the parameter and
// why; an unknown parameter is one too (a misspelt filter must not silently return everything).
#include "http/http_message.hpp"
#include "ogc/feature_collection.hpp"

namespace palliacarte::ogc {

constexpr std::size_t kDefaultLimit = 100;
constexpr std::size_t kMaxLimit = 10000;

/// @throws http::ProblemError (400) for a malformed or unknown parameter.
ItemsQuery parse_items_query(const FeatureCollection& collection, const http::HttpRequest& request);

}  // namespace palliacarte::ogc
