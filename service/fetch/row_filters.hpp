#pragma once
// Which rows of a national table a territory keeps, decided line by line while the table
// streams out of its archive (fetch/archive_member): population grids are national files of
// millions of cells, a territory needs a few thousand.
#include <string>
#include <vector>

#include "fetch/archive_member.hpp"
#include "model/geometry.hpp"

namespace palliacarte::fetch {

/// @brief Fields of one delimited line (',' or ';', double quotes honoured).
std::vector<std::string> split_csv_line(std::string_view line, char separator);

/// @brief Keeps rows whose `column` holds a commune of one of `departements`: INSEE Filosofi's
/// `lcog_geo` lists the 5-character codes of every commune a cell touches ("2505625057").
LineFilter rows_in_departements(const std::string& column, std::vector<std::string> departements);

/// @brief Keeps grid cells named like "CRS3035RES1000mN2871000E3753000" (INSEE, Eurostat) in
/// `column` whose square meets `box_3035` (EPSG:3035 metres).
LineFilter cells_meeting(const std::string& column, const model::Box& box_3035);

}  // namespace palliacarte::fetch
