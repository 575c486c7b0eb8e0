#!/usr/bin/env bash
# Installs makerscore into a scratch prefix and builds examples/cpp against it
# as a separate project, with find_package(makerscore), then runs it.
#   find_package_test.sh SOURCE_DIR BUILD_DIR
set -euo pipefail
src=$1
build=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/examples/cpp" -B "$tmp/build" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/build" -j2 >/dev/null
out=$("$tmp/build/guangxi_example" "$src")
# Here-strings, not pipes: under pipefail, `echo | grep -q` fails when grep stops reading early.
head -5 <<<"$out"
grep -q "GX004" <<<"$out" || { echo "FAIL: the downstream program did not print the ranking"; exit 1; }
echo "find_package(makerscore) works downstream"
