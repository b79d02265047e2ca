#pragma once
// Text put inside XML or HTML (QGIS styles and projects, Pango markup, the service's pages):
// the characters that would end a value or start a tag, escaped.
#include <string>

namespace palliacarte::core {

/// @brief `text` with &, <, > and " as entities.
std::string xml_escaped(const std::string& text);

}  // namespace palliacarte::core
