#include "output/source_vintage.hpp"

#include <cpl_vsi.h>

#include <osmium/io/any_input.hpp>

#include "gdal/ogr_source.hpp"
#include "roads/pbf_framing.hpp"

namespace palliacarte::output {

std::string finess_etalab_extraction_date(const std::string& path) {
    VSILFILE* f = VSIFOpenL(gdal::gdal_virtual_path(path).c_str(), "rb");
    if (!f) return {};
    char buf[256] = {};
    const std::size_t n = VSIFReadL(buf, 1, sizeof buf - 1, f);
    VSIFCloseL(f);
    std::string line(buf, n);
    line = line.substr(0, line.find_first_of("\r\n"));
    if (line.rfind("finess;etalab;", 0) != 0) return {};
    const auto last = line.find_last_of(';');
    const std::string date = line.substr(last + 1);
    return date.size() == 10 && date[4] == '-' && date[7] == '-' ? date : std::string();
}

std::string osm_extract_timestamp(const std::string& path) {
    try {
        if (roads::is_pbf_path(path)) roads::check_pbf_framing(path);
        osmium::io::Reader reader(path, osmium::osm_entity_bits::nothing);
        const osmium::io::Header header = reader.header();
        reader.close();
        std::string t = header.get("osmosis_replication_timestamp");
        if (t.empty()) t = header.get("timestamp");
        return t;
    } catch (const std::exception&) {
        return {};  // the road loader reports an unreadable file
    }
}

}  // namespace palliacarte::output
