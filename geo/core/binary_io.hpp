#pragma once
// Little binary helpers for the on-disk caches (road graphs, commune extracts): native-endian
// counts and arrays, length-prefixed strings, a change-detecting key hash and the identity of
// a source file. Caches are per machine, so native layout is enough; every read is bounded.
#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <type_traits>
#include <vector>

#include "core/mapped_array.hpp"

namespace palliacarte::core::binary {

/// FNV-1a's starting value: a hash chained over several pieces starts from it.
constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;

/// 64-bit FNV-1a: a change detector for cache keys, not a security hash.
std::uint64_t fnv1a(const std::string& text, std::uint64_t h = kFnvOffset);

/// @brief fnv1a of raw bytes (a cache key over loaded data: coordinates, counts).
std::uint64_t fnv1a(const void* data, std::size_t size, std::uint64_t h);

/// @brief A hash as 16 hex digits (used in cache file names).
std::string hex_digest(std::uint64_t hash);
/// @brief fnv1a of `text` as 16 hex digits.
std::string hex_digest(const std::string& text);

/// @brief "absolute path|size|mtime" of a file: any edit or replacement changes it.
std::string file_identity(const std::string& path);

/// @brief Writes `file` through a temporary file and a rename, so readers never see half a
/// file. Returns false (nothing left behind) when `body` leaves the stream failed.
bool write_atomically(const std::string& file, const std::function<void(std::ostream&)>& body);

/// @brief Checks a cache file's 8-byte magic and stored key; false for anything else.
bool read_header(std::istream& in, const char (&magic)[8], const std::string& key);
void write_header(std::ostream& out, const char (&magic)[8], const std::string& key);

inline void write_u64(std::ostream& out, std::uint64_t v) {
    out.write(reinterpret_cast<const char*>(&v), sizeof v);
}
inline bool read_u64(std::istream& in, std::uint64_t& v) {
    return static_cast<bool>(in.read(reinterpret_cast<char*>(&v), sizeof v));
}

template <class T>
void write_vector(std::ostream& out, const std::vector<T>& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    write_u64(out, v.size());
    out.write(reinterpret_cast<const char*>(v.data()),
              static_cast<std::streamsize>(v.size() * sizeof(T)));
}

template <class T>
bool read_vector(std::istream& in, std::vector<T>& v, std::uint64_t max_items) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::uint64_t n = 0;
    if (!read_u64(in, n) || n > max_items) return false;
    v.resize(n);
    return static_cast<bool>(
        in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T))));
}

/// Arrays that may be mapped start on a multiple of this many bytes from the file's start.
constexpr std::uint64_t kMappedAlignment = 64;

/// @brief The count, zeros up to the next kMappedAlignment boundary, then the values: a
/// reader may map them in place (read_mapped_array).
template <class T>
void write_aligned_array(std::ostream& out, const T* data, std::size_t count) {
    static_assert(std::is_trivially_copyable_v<T>);
    write_u64(out, count);
    const auto at = static_cast<std::uint64_t>(out.tellp());
    static const char zeros[kMappedAlignment] = {};
    out.write(zeros, static_cast<std::streamsize>((kMappedAlignment - at % kMappedAlignment) %
                                                  kMappedAlignment));
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(count * sizeof(T)));
}

/// @brief Reads what write_aligned_array wrote: a view into `file` (the same file, mapped)
/// when given, else a copy in memory. False when the count exceeds `max_items` or the file.
template <class T>
bool read_mapped_array(std::istream& in, const std::shared_ptr<const MappedFile>& file,
                       MappedArray<T>& out, std::uint64_t max_items) {
    std::uint64_t n = 0;
    if (!read_u64(in, n) || n > max_items) return false;
    const auto at = static_cast<std::uint64_t>(in.tellg());
    const std::uint64_t start = at + (kMappedAlignment - at % kMappedAlignment) % kMappedAlignment;
    const std::uint64_t bytes = n * sizeof(T);
    if (file) {
        if (start + bytes > file->size()) return false;
        out = MappedArray<T>::view(file, start, n);
        return static_cast<bool>(in.seekg(static_cast<std::streamoff>(start + bytes)));
    }
    if (!in.seekg(static_cast<std::streamoff>(start))) return false;
    std::vector<T>& v = out.owned();
    v.resize(n);
    return static_cast<bool>(
        in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(bytes)));
}

inline void write_string(std::ostream& out, const std::string& s) {
    write_u64(out, s.size());
    out.write(s.data(), static_cast<std::streamsize>(s.size()));
}
inline bool read_string(std::istream& in, std::string& s, std::uint64_t max_chars = 1u << 24) {
    std::uint64_t n = 0;
    if (!read_u64(in, n) || n > max_chars) return false;
    s.resize(n);
    return static_cast<bool>(in.read(s.data(), static_cast<std::streamsize>(n)));
}

}  // namespace palliacarte::core::binary
