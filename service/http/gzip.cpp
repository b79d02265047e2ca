#include "http/gzip.hpp"

#include <zlib.h>

#include <stdexcept>

namespace palliacarte::http {

namespace {
constexpr int kLevel = 4;
constexpr int kGzipWindow = 15 + 16;  // 32 KB window, gzip header and trailer
}  // namespace

struct GzipStream::State {
    z_stream z{};
    bool open = false;
};

GzipStream::GzipStream() : state_(std::make_unique<State>()) {
    if (deflateInit2(&state_->z, kLevel, Z_DEFLATED, kGzipWindow, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    state_->open = true;
}

GzipStream::~GzipStream() {
    if (state_->open) deflateEnd(&state_->z);
}

namespace {
std::string run(z_stream& z, std::string_view data, int flush) {
    std::string out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    char buf[32 * 1024];
    do {
        z.next_out = reinterpret_cast<Bytef*>(buf);
        z.avail_out = sizeof buf;
        const int rc = deflate(&z, flush);
        if (rc == Z_STREAM_ERROR) throw std::runtime_error("zlib: deflate failed");
        out.append(buf, sizeof buf - z.avail_out);
    } while (z.avail_out == 0);
    return out;
}
}  // namespace

std::string GzipStream::write(std::string_view data) {
    return run(state_->z, data, Z_NO_FLUSH);
}

std::string GzipStream::finish() {
    return run(state_->z, {}, Z_FINISH);
}

std::string gzip(std::string_view data) {
    GzipStream s;
    std::string out = s.write(data);
    out += s.finish();
    return out;
}

}  // namespace palliacarte::http
