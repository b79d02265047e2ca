#include "cli/download_bar.hpp"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

#include "cli/french_numbers.hpp"

namespace palliacarte::cli {

DownloadBar::DownloadBar(bool enabled) : enabled_(enabled), tty_(isatty(STDERR_FILENO) != 0) {}

fetch::DownloadProgressFn DownloadBar::callback() {
    if (!enabled_) return {};
    return [this](const fetch::DownloadProgress& p) { draw(p); };
}

void DownloadBar::draw(const fetch::DownloadProgress& p) {
    const std::string rate = french_size(static_cast<std::uint64_t>(p.bytes_per_second)) + "/s";
    std::string amount = french_size(p.done);
    if (p.total > 0) amount += " / " + french_size(p.total);
    if (tty_) {
        std::string bar;
        if (p.total > 0) {
            const std::size_t width = 30;
            const auto full = static_cast<std::size_t>(
                std::clamp(width * static_cast<double>(p.done) / p.total, 0.0, double(width)));
            bar.reserve(width + 3);
            bar.push_back('[');
            bar.append(full, '#').append(width - full, '-').append("] ");
        }
        std::fprintf(stderr, "\r      %s%s  %s   ", bar.c_str(), amount.c_str(), rate.c_str());
        open_ = true;
    } else {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_line_ < std::chrono::seconds(5)) return;
        last_line_ = now;
        std::fprintf(stderr, "      … %s, %s\n", amount.c_str(), rate.c_str());
    }
}

void DownloadBar::finish() {
    if (open_) std::fputc('\n', stderr);
    open_ = false;
}

}  // namespace palliacarte::cli
