#!/usr/bin/env bash
# Sets up makerscore (see setup.sh), ranks the bundled example cohort with
# the Guangxi 2019 indicator system, and writes its HTML report (with each
# makerspace's rank interval from the example's uncertain inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
build/makerscore score \
  --rules rules/guangxi-2019.yaml \
  --data examples/data/guangxi-example-2019.csv \
  --previous examples/data/guangxi-example-2018.csv \
  --ratings examples/data/guangxi-example-ratings.csv
build/makerscore report \
  --rules rules/guangxi-2019.yaml \
  --data examples/data/guangxi-example-2019.csv \
  --previous examples/data/guangxi-example-2018.csv \
  --ratings examples/data/guangxi-example-ratings.csv \
  --inputs examples/data/guangxi-uncertainty.yaml \
  --output build/guangxi-example-report.html
echo "Open build/guangxi-example-report.html in a browser to read and print the report."
