#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for
# SECONDS (default 30), seeded from rules/, examples/ and tests/data/.
# A crash stops the run with its input saved as build-fuzz/crash-*; turn it
# into a regression test. Longer campaigns: bash fuzz/run.sh 1800
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
# libfyaml's own small leak (.ci/lsan.supp) is not ours to stop on
export LSAN_OPTIONS="suppressions=$PWD/.ci/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMAKERSCORE_BUILD_FUZZ=ON \
  -DMAKERSCORE_BUILD_TESTS=OFF -DMAKERSCORE_BUILD_BENCH=OFF -DMAKERSCORE_BUILD_CLI=OFF -DMAKERSCORE_INSTALL=OFF >/dev/null
cmake --build build-fuzz -j2 >/dev/null

seed() {  # seed TARGET FILES...: copy seeds into the target's corpus
  local dir=build-fuzz/corpus/$1
  shift
  mkdir -p "$dir"
  cp "$@" "$dir/"
}
seed fuzz_rules rules/*.yaml tests/data/*.yaml
seed fuzz_yaml rules/*.yaml tests/data/*.yaml examples/data/*.yaml tests/data/yaml-differences/*.yaml
mkdir -p build-fuzz/corpus/fuzz_formula
grep -ho 'value: .*' rules/*.yaml | sed 's/^value: //' | head -60 | nl -nln | while read -r n f; do
  printf '%s' "$f" > "build-fuzz/corpus/fuzz_formula/seed-$n"
done
seed fuzz_csv examples/data/guangxi-example-2019.csv examples/data/guangxi-example-2018.csv
seed fuzz_ratings examples/data/guangxi-example-ratings.csv examples/data/guangxi-delphi-rounds.csv tests/data/fuzz-ratings-grid.csv

for target in fuzz_rules fuzz_yaml fuzz_formula fuzz_csv fuzz_ratings; do
  echo "== $target for ${seconds}s"
  # fuzz_yaml compares two parsers; its run is seeded and counted, so that a CI run can be repeated exactly
  repeatable=()
  [[ "$target" == fuzz_yaml ]] && repeatable=(-seed=1 -runs=$((seconds * 4000)))
  (cd build-fuzz && "fuzz/$target" "${repeatable[@]}" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
     -print_final_stats=1 "corpus/$target" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|==|SUMMARY|Done)" || true)
  if ls build-fuzz/crash-* build-fuzz/timeout-* build-fuzz/oom-* >/dev/null 2>&1; then
    echo "the fuzzer found a failing input:"
    ls build-fuzz/crash-* build-fuzz/timeout-* build-fuzz/oom-* 2>/dev/null
    exit 1
  fi
done
echo "fuzzing: no crash in ${seconds}s per target"
