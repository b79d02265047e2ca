#pragma once
// Exit codes of the palliacarte command line (documented in the README).
namespace palliacarte::cli {
constexpr int kOk = 0;
constexpr int kInternalError = 1;
constexpr int kUsageOrConfigError = 2;
constexpr int kUnreadableData = 3;
}  // namespace palliacarte::cli
