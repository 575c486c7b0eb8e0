#!/usr/bin/env bash
# Sets up makerscore (see setup.sh) and ranks the bundled example cohort with
# the Guangxi 2019 indicator system.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/makerscore score \
  --rules rules/guangxi-2019.yaml \
  --data examples/data/guangxi-example-2019.csv \
  --previous examples/data/guangxi-example-2018.csv \
  --ratings examples/data/guangxi-example-ratings.csv
