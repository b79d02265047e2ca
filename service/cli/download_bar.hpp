#pragma once
// The progress of one download on stderr: a bar with bytes and rate, redrawn in place on a
// terminal; elsewhere (logs, CI) a line every few seconds.
#include <chrono>
#include <cstdint>
#include <string>

#include "fetch/http_download.hpp"

namespace palliacarte::cli {

class DownloadBar {
  public:
    explicit DownloadBar(bool enabled);
    ~DownloadBar() { finish(); }
    DownloadBar(const DownloadBar&) = delete;
    DownloadBar& operator=(const DownloadBar&) = delete;

    fetch::DownloadProgressFn callback();
    /// @brief Ends the bar's line.
    void finish();

  private:
    void draw(const fetch::DownloadProgress& p);
    bool enabled_, tty_, open_ = false;
    std::chrono::steady_clock::time_point last_line_ = std::chrono::steady_clock::now();
};

}  // namespace palliacarte::cli
