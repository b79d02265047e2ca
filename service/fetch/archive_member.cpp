#include "fetch/archive_member.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/errors.hpp"

namespace palliacarte::fetch {

namespace fs = std::filesystem;

namespace {

using ArchivePtr = std::unique_ptr<archive, int (*)(archive*)>;

ArchivePtr open_archive(const std::string& path) {
    ArchivePtr a(archive_read_new(), &archive_read_free);
    archive_read_support_filter_all(a.get());
    archive_read_support_format_all(a.get());
    if (archive_read_open_filename(a.get(), path.c_str(), 1 << 16) != ARCHIVE_OK)
        throw core::DataError(path, std::string("not an archive libarchive can read (") +
                                        archive_error_string(a.get()) + ")");
    return a;
}

bool names_member(const std::string& entry, const std::string& member) {
    if (entry == member) return true;
    return entry.size() > member.size() && entry.ends_with(member) &&
           entry[entry.size() - member.size() - 1] == '/';
}

}  // namespace

std::vector<std::string> archive_entries(const std::string& archive_path) {
    auto a = open_archive(archive_path);
    std::vector<std::string> names;
    archive_entry* entry = nullptr;
    while (archive_read_next_header(a.get(), &entry) == ARCHIVE_OK) {
        names.emplace_back(archive_entry_pathname(entry));
        archive_read_data_skip(a.get());
    }
    return names;
}

ExtractResult extract_member(const std::string& archive_path, const std::string& member,
                             const std::string& destination, const LineFilter& keep) {
    auto a = open_archive(archive_path);
    archive_entry* entry = nullptr;
    int r;
    while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
        if (names_member(archive_entry_pathname(entry), member)) break;
        archive_read_data_skip(a.get());
    }
    if (r != ARCHIVE_OK)
        throw core::DataError(archive_path, "no entry '" + member + "' in the archive");

    ExtractResult result;
    result.entry = archive_entry_pathname(entry);
    const fs::path final_path(destination);
    const fs::path part = destination + ".part";
    std::error_code ec;
    if (final_path.has_parent_path()) fs::create_directories(final_path.parent_path(), ec);
    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(part.c_str(), "wb"), &std::fclose);
    if (!out) throw core::DataError(part.string(), "cannot be written");

    auto write = [&](std::string_view bytes) {
        if (std::fwrite(bytes.data(), 1, bytes.size(), out.get()) != bytes.size())
            throw core::DataError(part.string(), "write error (disk full?)");
        result.bytes += bytes.size();
    };
    std::string pending;  // a line cut by the end of a block
    bool header = true;
    auto feed_line = [&](std::string_view line) {  // line with its '\n'
        if (header) {
            keep(line, true);
            write(line);
            header = false;
            return;
        }
        ++result.lines_read;
        if (keep(line, false)) {
            ++result.lines_kept;
            write(line);
        }
    };
    std::vector<char> block(1 << 20);
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), block.data(), block.size())) > 0) {
        std::string_view data(block.data(), static_cast<std::size_t>(n));
        if (!keep) {
            write(data);
            continue;
        }
        std::size_t start = 0;
        while (start < data.size()) {
            const auto nl = data.find('\n', start);
            if (nl == std::string_view::npos) {
                pending.append(data.substr(start));
                break;
            }
            if (pending.empty()) {
                feed_line(data.substr(start, nl + 1 - start));
            } else {
                pending.append(data.substr(start, nl + 1 - start));
                feed_line(pending);
                pending.clear();
            }
            start = nl + 1;
        }
    }
    if (n < 0)
        throw core::DataError(
            archive_path, "damaged entry '" + result.entry + "': " + archive_error_string(a.get()));
    if (keep && !pending.empty()) feed_line(pending);
    out.reset();
    fs::rename(part, final_path, ec);
    if (ec) throw core::DataError(destination, "cannot be renamed from its .part");
    return result;
}

}  // namespace palliacarte::fetch
