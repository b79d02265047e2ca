#pragma once
// A file mapped read-only into memory (POSIX mmap), for the big arrays of the on-disk caches: a
// country's road graph and snap raster are 5 GB that a read() would copy into fresh memory (and
// fresh memory is what costs most on a virtual machine), where a mapping shares the pages the
// system already caches.
#include <cstddef>
#include <memory>
#include <string>

namespace palliacarte::core {

class MappedFile {
  public:
    /// @brief The whole file mapped, or null when it cannot be (absent, empty, no mmap).
    static std::shared_ptr<const MappedFile> open(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::byte* data() const { return data_; }
    std::size_t size() const { return size_; }

  private:
    MappedFile(const std::byte* data, std::size_t size) : data_(data), size_(size) {}
    const std::byte* data_;
    std::size_t size_;
};

}  // namespace palliacarte::core
