#pragma once
// The HTML face of the API (f=html, or a browser's Accept): every JSON document rendered as a
// plain page — links as links, features as a table — in French, for planners who open the
// service in a browser. No scripts, no external resources.
#include <nlohmann/json.hpp>
#include <string>

namespace palliacarte::ogc {

/// @brief A page titled `title` showing `document` (landing, collections, a collection, items
/// or one feature).
std::string html_page(const std::string& title, const nlohmann::json& document);

/// @brief `text` with &, <, >, " escaped.
std::string html_escape(const std::string& text);

}  // namespace palliacarte::ogc
