#pragma once
// An array of plain values that is either owned (a std::vector, as a builder fills it) or a view
// into a mapped cache file (core/mapped_file), kept alive by the array. Read like a vector; the
// code that builds one fills owned().
#include <memory>
#include <type_traits>
#include <vector>

#include "core/mapped_file.hpp"

namespace palliacarte::core {

template <class T>
class MappedArray {
    static_assert(std::is_trivially_copyable_v<T>);

  public:
    MappedArray() = default;
    MappedArray(std::vector<T> values) : own_(std::move(values)) {}  // NOLINT: a vector is one

    /// @brief `count` values at byte `offset` of `file` (aligned for T, inside the file: the
    /// caller checked).
    static MappedArray view(std::shared_ptr<const MappedFile> file, std::size_t offset,
                            std::size_t count) {
        MappedArray a;
        a.view_ = reinterpret_cast<const T*>(file->data() + offset);
        a.view_size_ = count;
        a.file_ = std::move(file);
        return a;
    }

    /// @brief The values as a vector to fill or change (a view is copied out first).
    std::vector<T>& owned() {
        if (file_) {
            own_.assign(view_, view_ + view_size_);
            file_.reset();
            view_ = nullptr;
            view_size_ = 0;
        }
        return own_;
    }

    bool mapped() const { return file_ != nullptr; }
    const T* data() const { return file_ ? view_ : own_.data(); }
    std::size_t size() const { return file_ ? view_size_ : own_.size(); }
    bool empty() const { return size() == 0; }
    const T& operator[](std::size_t i) const { return data()[i]; }
    const T& back() const { return data()[size() - 1]; }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size(); }
    /// @brief Bytes held: the vector's capacity, or the mapped values (shared with the system's
    /// file cache, but resident once read).
    std::size_t memory_bytes() const { return (file_ ? view_size_ : own_.capacity()) * sizeof(T); }

  private:
    std::vector<T> own_;
    std::shared_ptr<const MappedFile> file_;
    const T* view_ = nullptr;
    std::size_t view_size_ = 0;
};

}  // namespace palliacarte::core
