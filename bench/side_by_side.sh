#!/bin/bash
# Two builds of the benchmarks measured side by side, runs alternating, so that both meet the same noise:
#   bench/side_by_side.sh ROUNDS FILTER OLD_BENCH NEW_BENCH
# e.g. bench/side_by_side.sh 5 'BM_ScoreTotals/1000000' /tmp/old/build/bench/makerscore_bench build/bench/makerscore_bench
# Prints, per binary, the least time (the best estimate on a noisy machine) and every run's.
set -euo pipefail
rounds=$1 filter=$2 old=$3 new=$4
for _ in $(seq "$rounds"); do
  for b in "$old" "$new"; do
    t=$("$b" --benchmark_filter="$filter" --benchmark_min_time=2 2>/dev/null | grep "^BM" | head -1 | awk '{print $2, $3}')
    echo "$b $t"
  done
done | awk '{ if (!($1 in m) || $2 < m[$1]) m[$1] = $2; s[$1] = s[$1] " " $2; u[$1] = $3 }
            END { for (k in m) printf "%s: least %s %s, all%s\n", k, m[k], u[k], s[k] }'
