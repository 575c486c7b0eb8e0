#!/usr/bin/env bash
# The makerscore command end to end: outputs, exit codes, messages, and that
# an output file is complete or not written at all.
#   cli_test.sh MAKERSCORE_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passes=0

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $1"; failures=$((failures + 1)); }

# expect NAME WANTED_EXIT PATTERN -- COMMAND...: runs it, checks the exit code
# and that stdout+stderr contain PATTERN (a fixed string).
expect() {
  local name=$1 want=$2 pattern=$3
  shift 4
  local out code
  out=$("$@" 2>&1)
  code=$?
  if [[ $code -ne $want ]]; then
    fail "$name: exit $code, wanted $want. Output:"$'\n'"$out"
  elif [[ -n "$pattern" && "$out" != *"$pattern"* ]]; then
    fail "$name: output lacks '$pattern'. Output:"$'\n'"$out"
  else
    pass
  fi
}

G=(--rules "$src/rules/guangxi-2019.yaml" --data "$src/examples/data/guangxi-example-2019.csv"
   --previous "$src/examples/data/guangxi-example-2018.csv" --ratings "$src/examples/data/guangxi-example-ratings.csv")

expect "score table" 0 "广西众创空间评价指标体系" -- "$bin" score "${G[@]}"
expect "score table header" 0 "排名" -- "$bin" score "${G[@]}"
expect "score csv" 0 "rank,id,name,total,grade" -- "$bin" score "${G[@]}" --format csv
expect "score json" 0 '"entities"' -- "$bin" score "${G[@]}" --format json
expect "explain" 0 "3.1 众创空间总收入同比增长比例" -- "$bin" explain "${G[@]}" --entity GX004 --indicator 3.1
expect "explain unknown entity" 4 "no entity 'GX999'" -- "$bin" explain "${G[@]}" --entity GX999
expect "asem index table" 0 "CHE   Switzerland         68.38" -- \
  "$bin" score --rules "$src/rules/asem-connectivity.yaml" --data "$src/examples/data/asem/ASEM_iData.csv"
expect "delphi report" 0 "14 of 15 experts answered" -- "$bin" delphi "$src/examples/data/guangxi-delphi-rounds.csv"
expect "delphi json" 0 '"concordance"' -- "$bin" delphi "$src/examples/data/guangxi-delphi-rounds.csv" --format json
expect "delphi bad file" 4 "no column 'round'" -- "$bin" delphi "$src/examples/data/guangxi-example-ratings.csv"
expect "weights" 0 "组内权重" -- "$bin" weights --rules "$src/rules/guangxi-2019.yaml"
expect "weights with data" 0 "stated" -- "$bin" weights "${G[@]}"
expect "validate rules" 0 "ok" -- "$bin" validate "$src/rules/guangxi-2019.yaml" "$src/rules/shanxi-2018-form.yaml" \
  "$src/rules/asem-connectivity.yaml"
expect "validate planted" 3 "planted-mistakes.yaml:2:9: error:" -- "$bin" validate "$src/tests/data/planted-mistakes.yaml"
expect "validate shanxi report" 1 "3 problems in 6 rows" -- "$bin" validate --rules "$src/rules/shanxi-2018-form.yaml" \
  "$src/examples/data/shanxi-example-2018.csv"
# A report with a bad cell as well: both are listed, by row, and the rest is still checked.
sed '5s/,SX002,/,SX002,/; 6s/^SX003,\([^,]*\),\([0-9]*\),/SX003,\1,-5,/' "$src/examples/data/shanxi-example-2018.csv" > "$tmp/report.csv"
expect "validate report with a bad cell" 1 "report.csv:6: SX003: column 'area' (众创空间面积): -5 is below the smallest allowed value 0" -- \
  "$bin" validate --rules "$src/rules/shanxi-2018-form.yaml" "$tmp/report.csv"
expect "validate report counts all" 1 "4 problems in 6 rows" -- \
  "$bin" validate --rules "$src/rules/shanxi-2018-form.yaml" "$tmp/report.csv"
expect "validate data without rules" 2 "--rules" -- "$bin" validate "$src/examples/data/shanxi-example-2018.csv"
expect "usage" 2 "" -- "$bin" score --rules x.yaml
expect "help" 0 "Exit codes" -- "$bin" --help
expect "score help" 0 "--previous" -- "$bin" score --help
expect "schema" 0 "### \`indicator\`" -- "$bin" schema
expect "missing previous" 4 "give last year's data too (--previous FILE)" -- \
  "$bin" score --rules "$src/rules/guangxi-2019.yaml" --data "$src/examples/data/guangxi-example-2019.csv" \
  --ratings "$src/examples/data/guangxi-example-ratings.csv"
expect "missing rules file" 3 "cannot open the rule file" -- "$bin" score --rules "$tmp/none.yaml" --data x.csv

# Bad data: a non-numeric cell names the file, row and column.
sed '3s/,274,/,二百,/' "$src/examples/data/guangxi-example-2019.csv" > "$tmp/bad.csv"
expect "bad cell" 4 "bad.csv:3: column 'workstations' (提供创业工位数量): expected a number in 个, found '二百'" -- \
  "$bin" score --rules "$src/rules/guangxi-2019.yaml" --data "$tmp/bad.csv" \
  --previous "$src/examples/data/guangxi-example-2018.csv" --ratings "$src/examples/data/guangxi-example-ratings.csv"

# Input from a pipe (not a regular file: read, not mapped) gives the same table.
expect "data from a pipe" 0 "GX004" -- "$bin" score --rules "$src/rules/guangxi-2019.yaml" \
  --data <(cat "$src/examples/data/guangxi-example-2019.csv") --previous "$src/examples/data/guangxi-example-2018.csv" \
  --ratings <(cat "$src/examples/data/guangxi-example-ratings.csv")
piped=$("$bin" score --rules "$src/rules/guangxi-2019.yaml" --data <(cat "$src/examples/data/guangxi-example-2019.csv") \
  --previous <(cat "$src/examples/data/guangxi-example-2018.csv") \
  --ratings <(cat "$src/examples/data/guangxi-example-ratings.csv") --format csv 2>&1)
[[ "$piped" == "$("$bin" score "${G[@]}" --format csv 2>&1)" ]] && pass || fail "piped input scores differently"
expect "data is a folder" 4 "is a folder, not a data file" -- "$bin" score --rules "$src/rules/guangxi-2019.yaml" \
  --data "$tmp"

# Output files: written whole on success; on an error no file, not even a partial one.
expect "output written" 0 "wrote 32 entities" -- "$bin" score "${G[@]}" --format csv --output "$tmp/out.csv"
[[ $(wc -l < "$tmp/out.csv") -eq 33 ]] && pass || fail "out.csv should have 33 lines"
expect "no output on error" 4 "" -- "$bin" score --rules "$src/rules/guangxi-2019.yaml" --data "$tmp/bad.csv" \
  --previous "$src/examples/data/guangxi-example-2018.csv" --ratings "$src/examples/data/guangxi-example-ratings.csv" \
  --output "$tmp/never.csv"
[[ ! -e "$tmp/never.csv" ]] && pass || fail "an output file was written despite the error"
[[ -z "$(ls "$tmp" | grep tmp-)" ]] && pass || fail "a temporary file was left behind"
expect "unwritable output" 5 "cannot write the output file" -- "$bin" score "${G[@]}" --output "$tmp/no/such/dir/x.csv"

# Uncertainty and sensitivity: the inputs from their own file; the same seed, the same output.
U=(--inputs "$src/examples/data/guangxi-uncertainty.yaml" --replications 40 --quiet)
expect "uncertainty table" 0 "排名区间 5%-95%" -- "$bin" uncertainty "${G[@]}" "${U[@]}"
expect "uncertainty csv" 0 "id,name,nominal_rank,nominal_total,nominal_grade" -- "$bin" uncertainty "${G[@]}" "${U[@]}" --format csv
expect "uncertainty json" 0 '"grade_probability"' -- "$bin" uncertainty "${G[@]}" "${U[@]}" --format json
one=$("$bin" uncertainty "${G[@]}" "${U[@]}" --format csv --threads 1 2>&1)
two=$("$bin" uncertainty "${G[@]}" "${U[@]}" --format csv --threads 2 2>&1)
if [[ "$one" == "$two" ]]; then pass; else fail "uncertainty: 1 and 2 threads differ"; fi
expect "sensitivity" 0 "total effect" -- "$bin" sensitivity "${G[@]}" "${U[@]}"
expect "uncertainty without inputs" 4 "the rule file has no 'uncertainty:' section" -- \
  "$bin" uncertainty "${G[@]}" --replications 40 --quiet
printf 'weights: {noise: 2}\n' > "$tmp/bad-inputs.yaml"
expect "uncertainty bad inputs" 3 "bad-inputs.yaml" -- "$bin" uncertainty "${G[@]}" --inputs "$tmp/bad-inputs.yaml"

# Reports: a page, a folder of pages, one scorecard; the rank intervals when inputs are given.
expect "report page" 0 "wrote $tmp/report.html" -- "$bin" report "${G[@]}" --output "$tmp/report.html"
grep -q 'id="split-chart"' "$tmp/report.html" && pass || fail "report.html has no split chart"
expect "report folder" 0 "wrote 33 pages to $tmp/pages" -- "$bin" report "${G[@]}" --output "$tmp/pages"
[[ -f "$tmp/pages/index.html" && -f "$tmp/pages/GX004.html" ]] && pass || fail "the report folder lacks its pages"
expect "report one scorecard" 0 "with rank intervals from 40 replications" -- \
  "$bin" report "${G[@]}" "${U[@]::4}" --entity GX004 --output "$tmp/GX004.html"
grep -q 'class="stability"' "$tmp/GX004.html" && pass || fail "GX004.html has no rank interval"
expect "report unknown entity" 4 "no entity 'GX999' in the data" -- \
  "$bin" report "${G[@]}" --entity GX999 --output "$tmp/x.html"
expect "report unwritable" 5 "does not exist (create it first)" -- "$bin" report "${G[@]}" --output "$tmp/no/such/dir"
[[ ! -e "$tmp/x.html" ]] && pass || fail "a report was written despite the error"

echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
