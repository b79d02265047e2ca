#pragma once
// Taking one file out of a downloaded archive with libarchive (zip, 7z, tar.gz…: the formats
// the publishers use), optionally keeping only some of its lines — a national CSV cut to the
// départements asked for while it streams out, so the whole table never lands on disk.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace palliacarte::fetch {

/// @brief Decides, line by line, what an extracted text file keeps. The first line (the header)
/// is always kept and shown to the filter first, with `header` true.
using LineFilter = std::function<bool(std::string_view line, bool header)>;

struct ExtractResult {
    std::uint64_t bytes = 0;       ///< written
    std::uint64_t lines_read = 0;  ///< with a filter: data lines read
    std::uint64_t lines_kept = 0;  ///< with a filter: data lines kept
    std::string entry;             ///< the archive entry's full name
};

/// @brief The entries' names. @throws DataError if it is not an archive libarchive reads.
std::vector<std::string> archive_entries(const std::string& archive_path);

/// @brief Writes the entry named `member` (its whole path, or its file name) to `destination`,
/// through `destination.part`. @throws DataError naming the archive and the member.
ExtractResult extract_member(const std::string& archive_path, const std::string& member,
                             const std::string& destination, const LineFilter& keep = {});

}  // namespace palliacarte::fetch
