#pragma once
// Downloads one file over HTTP(S) with libcurl the way a long download must behave: into
// FILE.part (never under the final name until it is whole and checked), resumed with a Range
// request after an interruption (in the same run, a few attempts; or in a later run, from the
// .part left behind), checked against the expected size and SHA-256, then renamed.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace palliacarte::fetch {

struct DownloadRequest {
    std::string url;
    std::string destination;                     ///< final path; FILE.part while it downloads
    std::optional<std::uint64_t> expected_size;  ///< bytes, when the manifest knows them
    std::string expected_sha256;                 ///< lower-case hex; empty: not checked
    int attempts = 3;                            ///< transfers tried, each resuming the last
};

struct DownloadProgress {
    std::uint64_t done = 0;   ///< bytes of the file on disk so far (resumed bytes included)
    std::uint64_t total = 0;  ///< 0 when the server does not say
    double bytes_per_second = 0;
};
using DownloadProgressFn = std::function<void(const DownloadProgress&)>;

struct DownloadResult {
    std::uint64_t bytes = 0;
    std::uint64_t resumed_from = 0;  ///< bytes already there from an interrupted transfer
    int transfers = 0;               ///< HTTP transfers it took
    std::string sha256;
};

/// @brief The download could not be completed: what the user reads names the URL and why.
class DownloadError : public std::runtime_error {
  public:
    DownloadError(std::string url, std::string reason, long http_status = 0)
        : std::runtime_error(url + " : " + reason),
          url_(std::move(url)),
          reason_(std::move(reason)),
          http_status_(http_status) {}
    const std::string& url() const { return url_; }
    const std::string& reason() const { return reason_; }
    long http_status() const { return http_status_; }

  private:
    std::string url_, reason_;
    long http_status_;
};

/// @throws DownloadError (in French: unreachable server, HTTP status, interrupted transfer,
/// wrong size or checksum). A wrong file is deleted; an interrupted one stays as FILE.part.
DownloadResult download_file(const DownloadRequest& request,
                             const DownloadProgressFn& progress = {});

}  // namespace palliacarte::fetch
