#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/: clang, AddressSanitizer + UBSan, in build-asan/,
# the sanitizer build's tree) and runs each for a bounded time on seed corpora cut from the real
# files, plus the kept regression inputs. A crash, a sanitizer report, a timeout or an
# unexpected exception fails the run and leaves the input in build-asan/fuzz/crashes/<target>/:
# copy it into tests/fuzz/regressions/<target>/ and fix — CTest replays that directory.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
scripts/install-deps.sh --test
scripts/build.sh --fuzz
# Every target built (the list is tests/fuzz/CMakeLists.txt's).
targets=()
for f in build-asan/tests/fuzz/*_fuzzer; do targets+=("$(basename "$f" _fuzzer)"); done
out=build-asan/fuzz
rm -rf "$out"
/usr/bin/python3 tests/fuzz/make_seed_corpora.py "$out/corpus"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
failed=()
for t in "${targets[@]}"; do
  mkdir -p "$out/crashes/$t" "tests/fuzz/regressions/$t"
  echo "== fuzz $t: ${seconds} s"
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb: a leak or a blow-up.
  if ! build-asan/tests/fuzz/"${t}_fuzzer" "$out/corpus/$t" "tests/fuzz/regressions/$t" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -artifact_prefix="$out/crashes/$t/" -print_final_stats=1 \
      > "$out/$t.log" 2>&1; then
    failed+=("$t")
    tail -40 "$out/$t.log"
  fi
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$out/$t.log" | tr '\n' ' '
  echo
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED in ${failed[*]} — inputs in $out/crashes/"
  exit 1
fi
echo "fuzz: ${#targets[@]} targets, ${seconds} s each, no crash"
