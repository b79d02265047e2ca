#pragma once
// Tables for spreadsheets as French Excel opens them: UTF-8 with a BOM (accents right), ';'
// between fields, ',' as decimal mark, French column headers (the field aliases).

#include <functional>
#include <string>

#include "model/layer.hpp"

namespace palliacarte::output {

/// @brief Writes the features `keep` accepts (all when empty), without geometry, and only
/// the named columns (all when empty). @throws DataError naming the file.
void write_csv_table(const std::string& path, const model::Layer& layer,
                     const std::vector<std::string>& columns = {},
                     const std::function<bool(const model::Feature&)>& keep = {});

/// @brief Writes rows of text as they are (the first is the header), same conventions.
/// @throws DataError naming the file.
void write_csv_rows(const std::string& path, const std::vector<std::vector<std::string>>& rows);

}  // namespace palliacarte::output
