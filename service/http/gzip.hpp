#pragma once
// gzip (RFC 1952) through zlib, one-shot or piece by piece for streamed responses.
#include <memory>
#include <string>
#include <string_view>

namespace palliacarte::http {

/// @brief `data` gzip-compressed (level 4: most of the gain at a fraction of level 9's cost;
/// GeoJSON compresses 5-10×).
std::string gzip(std::string_view data);

/// @brief Compresses a body that arrives in pieces; each call returns the output ready so far.
class GzipStream {
  public:
    GzipStream();
    ~GzipStream();
    GzipStream(const GzipStream&) = delete;
    GzipStream& operator=(const GzipStream&) = delete;
    std::string write(std::string_view data);
    /// @brief The rest of the output, trailer included. No write() after it.
    std::string finish();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace palliacarte::http
