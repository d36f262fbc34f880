#!/usr/bin/env bash
# Builds the libFuzzer target fuzz_build with clang in a build folder of its
# own, then fuzzes the whole pipeline (fuzz_build.cpp) for a while.
#
#   fuzz/run.sh [SECONDS] [libFuzzer options...]     SECONDS defaults to 60
#   e.g. fuzz/run.sh 3600 -fork=2                    an hour, on two cores
# ctest runs it for 60 seconds (test fuzz_build_60s) in BUILD/fuzz-build.
#
# Seeds: the fixtures (RenderCV, JSON Resume, tailoring, crashes) and cv.yaml;
# what the fuzzer finds is kept in BUILD/corpus for the next run (not with
# CVPRESS_FUZZ_FRESH=1, as ctest runs it). A crash is written to
# BUILD/artifacts/ and the script fails: reproduce it with
#   BUILD/fuzz/fuzz_build BUILD/artifacts/crash-...
# then fix it and keep the input as tests/fixtures/crashes/NAME.{yaml,json}.
# Exits 77 (ctest: skipped) when clang++ cannot link a libFuzzer program
# (Debian: apt-get install clang libclang-rt-14-dev).
set -euo pipefail

src=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CVPRESS_FUZZ_BUILD:-$src/build-fuzz}
seconds=${1:-60}
shift || true

cxx=${CVPRESS_FUZZ_CXX:-clang++}
cc=${CVPRESS_FUZZ_CC:-clang}
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' \
  >"$probe/probe.cpp"
if ! command -v "$cxx" >/dev/null 2>&1 ||
   ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>/dev/null; then
  echo "fuzz/run.sh: $cxx cannot build a libFuzzer program; skipped" \
       "(apt-get install clang libclang-rt-14-dev)"
  exit 77
fi

CC=$cc CXX=$cxx cmake -S "$src" -B "$build" -DCVPRESS_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log"; exit 1; }
cmake --build "$build" --target fuzz_build -j "$(nproc)" >"$build.build.log" 2>&1 ||
  { tail -50 "$build.build.log"; exit 1; }

# The corpus grows with every run; re-running a large one takes a minute by
# itself, so CVPRESS_FUZZ_FRESH=1 (ctest) starts from the seeds each time.
corpus="$build/corpus"
if [ "${CVPRESS_FUZZ_FRESH:-0}" = 1 ]; then
  corpus="$probe/corpus"
fi
mkdir -p "$corpus" "$build/artifacts" "$build/seeds"
cp "$src/cv.yaml" "$build/seeds/"
# Leaks are not bugs for a command that exits after one run, but libFuzzer
# treats them as crashes; keep the check, except for fontconfig's
# configuration, which lives until exit (fuzz/lsan.supp).
export LSAN_OPTIONS="suppressions=$src/fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# libFuzzer exits 77 on a crash by default, which ctest would take for a
# skip: a crash, a timeout or running out of memory exit 1 here.
"$build/fuzz/fuzz_build" \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -max_len=16384 \
  -error_exitcode=1 -timeout_exitcode=1 \
  -dict="$src/fuzz/cvpress.dict" -artifact_prefix="$build/artifacts/" \
  -print_final_stats=1 "$@" \
  "$corpus" "$build/seeds" "$src/tests/fixtures"
