#!/usr/bin/env bash
# Sets up makerscore with its tests (see setup.sh) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --tests
ctest --test-dir build --output-on-failure -j2
