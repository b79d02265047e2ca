#include "roads/source_file_overlap.hpp"

#include <bit>

#include "core/connection_text.hpp"

namespace palliacarte::roads {

void SourceFileOverlap::count(std::vector<model::RoadFileStats>& files) const {
    for (auto& f : files) f.junctions = f.shared_junctions = 0;
    for (const std::uint64_t m : mask_) {
        if (m == 0) continue;
        const bool shared = std::popcount(m) > 1;
        for (std::size_t f = 0; f < files.size(); ++f)
            if (m >> f & 1) {
                ++files[f].junctions;
                files[f].shared_junctions += shared;
            }
    }
}

std::string joined_paths(const std::vector<std::string>& paths) {
    std::string out;
    for (const auto& p : paths) out += (out.empty() ? "" : " + ") + core::without_password(p);
    return out;
}

}  // namespace palliacarte::roads
