#pragma once
// A TerritoryConfig written back as the JSON the parser reads (territory_config.hpp): what
// `palliacarte init` writes, and what a tool that edits a config writes. parse ∘ write is the
// identity on every shipped config (tests/geo/config/territory_config_writer_test.cpp).
#include <string>

#include <nlohmann/json.hpp>

#include "config/territory_config.hpp"

namespace palliacarte::config {

/// @brief The config as a file at `config_path` would hold it: data paths relative to the data
/// root; the data root, type table and road profile relative to the file's folder; every choice
/// by its name; values equal to the parser's defaults left out. The sections the struct does
/// not model (`analysis`) and the `about` notes are taken from `config.document`.
nlohmann::ordered_json territory_config_json(const TerritoryConfig& config,
                                             const std::string& config_path);

}  // namespace palliacarte::config
