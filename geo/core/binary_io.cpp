#include "core/binary_io.hpp"

#include <unistd.h>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace palliacarte::core::binary {

std::uint64_t fnv1a(const std::string& text, std::uint64_t h) {
    for (const unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t h) {
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        h ^= bytes[i];
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex_digest(std::uint64_t hash) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
    return hex;
}

std::string hex_digest(const std::string& text) {
    return hex_digest(fnv1a(text));
}

std::string file_identity(const std::string& path) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    std::ostringstream out;
    out << fs::absolute(path).string() << '|' << size << '|' << mtime;
    return out.str();
}

bool write_atomically(const std::string& file, const std::function<void(std::ostream&)>& body) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::create_directories(fs::path(file).parent_path(), ec);
    // Unique per process and per call: two threads (two analyses in the service) may write
    // the same cache at once.
    static std::atomic<unsigned> calls{0};
    const std::string tmp =
        file + ".tmp" + std::to_string(::getpid()) + "-" + std::to_string(++calls);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        body(out);
        if (!out.flush()) {
            out.close();
            fs::remove(tmp, ec);
            return false;
        }
    }
    fs::rename(tmp, file, ec);
    if (ec) fs::remove(tmp, ec);
    return !ec;
}

bool read_header(std::istream& in, const char (&magic)[8], const std::string& key) {
    char found[8];
    if (!in.read(found, sizeof found) || std::memcmp(found, magic, sizeof found) != 0) return false;
    std::string stored;
    return read_string(in, stored, key.size()) && stored == key;
}

void write_header(std::ostream& out, const char (&magic)[8], const std::string& key) {
    out.write(magic, sizeof magic);
    write_string(out, key);
}

}  // namespace palliacarte::core::binary
