#include "core/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace palliacarte::core {

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    void* p = MAP_FAILED;
    if (::fstat(fd, &st) == 0 && st.st_size > 0)
        p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);  // the mapping keeps the file
    if (p == MAP_FAILED) return nullptr;
    // Cache files are replaced by a rename, never rewritten in place: the mapped pages stay.
    return std::shared_ptr<const MappedFile>(
        new MappedFile(static_cast<const std::byte*>(p), static_cast<std::size_t>(st.st_size)));
}

MappedFile::~MappedFile() {
    ::munmap(const_cast<std::byte*>(data_), size_);
}

}  // namespace palliacarte::core
