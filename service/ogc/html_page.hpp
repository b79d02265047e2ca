#pragma once
// The HTML face of the API (f=html, or a browser's Accept): every JSON document rendered as a
// plain page — links as links, features as a table — in French, for planners who open the
// service in a browser. No scripts, no external resources.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/layer.hpp"

namespace palliacarte::ogc {

/// @brief A page titled `title` showing `document` (landing, collections, a collection, items
/// or one feature). With `fields` (a collection's), feature tables show those columns in that
/// order under their French labels; pages of items get « Page précédente / suivante » links.
/// Every page starts with links to the map and the landing page under `base_url`.
std::string html_page(const std::string& title, const nlohmann::json& document,
                      const std::string& base_url,
                      const std::vector<model::FieldDef>* fields = nullptr);

/// @brief `text` with &, <, >, " escaped.
std::string html_escape(const std::string& text);

}  // namespace palliacarte::ogc
