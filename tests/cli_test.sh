#!/usr/bin/env bash
# The makerscore command end to end: outputs, exit codes, messages, and that
# an output file is complete or not written at all.
#   cli_test.sh MAKERSCORE_BINARY SOURCE_DIR
set -u
bin=$(readlink -f "$1")
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

# Rules on last year's result: the result file makerscore wrote last year, as CSV and as a workbook.
cat >"$tmp/removal.yaml" <<'YAML'
format: makerscore/1
id: r
title: 取消资格
fields: [{id: p, name: 分}]
indicators:
  - {id: A, name: 甲, weight: 100, value: p, score: {method: points}}
vetoes:
  - {id: R1, name: 连续两年不合格, when: 'grade == "不合格" and last_grade == "不合格"', grade: 取消资格, if_missing: passes}
grades:
  - {grade: 合格, min: 60}
  - {grade: 取消资格, by_veto_only: true}
  - {grade: 不合格}
YAML
printf 'id,p\nA,80\nB,55\n' >"$tmp/2018.csv"
printf 'id,p\nA,90\nB,50\n' >"$tmp/2019.csv"
"$bin" score --rules "$tmp/removal.yaml" --data "$tmp/2018.csv" --format csv --output "$tmp/result-2018.csv" 2>/dev/null
"$bin" score --rules "$tmp/removal.yaml" --data "$tmp/2018.csv" --format xlsx --output "$tmp/result-2018.xlsx" 2>/dev/null
expect "previous result csv" 0 "一票否决：连续两年不合格，取消资格" -- "$bin" score --rules "$tmp/removal.yaml" --data "$tmp/2019.csv" --previous-result "$tmp/result-2018.csv"
expect "previous result xlsx" 0 "一票否决：连续两年不合格，取消资格" -- "$bin" score --rules "$tmp/removal.yaml" --data "$tmp/2019.csv" --previous-result "$tmp/result-2018.xlsx"
expect "previous result validate" 0 "ok, last year's result of 2 entities" -- "$bin" validate --previous-result "$tmp/result-2018.csv"
expect "previous result not a result" 4 "no column 'total' (总分)" -- "$bin" score --rules "$tmp/removal.yaml" --data "$tmp/2019.csv" --previous-result "$tmp/2018.csv"

# This year's weights from their own file (examples/data/guangxi-weights-2020.yaml: 1.1 has 4 points, not 5).
W=(--weights "$src/examples/data/guangxi-weights-2020.yaml")
expect "weights file: explain" 0 "（满分 4 分）" -- "$bin" explain "${G[@]}" "${W[@]}" --entity GX004 --indicator 1.1
expect "weights file: weights" 0 "(weights: $src/examples/data/guangxi-weights-2020.yaml)" -- "$bin" weights --rules "$src/rules/guangxi-2019.yaml" "${W[@]}"
expect "weights file: json" 0 '"weights_file"' -- "$bin" score "${G[@]}" "${W[@]}" --format json
expect "weights file: validate" 0 "ok with" -- "$bin" validate --rules "$src/rules/guangxi-2019.yaml" "${W[@]}"
printf 'weights:\n  "1.1": 6\n' >"$tmp/bad-weights.yaml"
expect "weights file: sums refused" 3 "bad-weights.yaml:2:10: error: the weights of the children of '1' add up to 6 + 5 + 5 = 16, not 15" -- "$bin" score "${G[@]}" --weights "$tmp/bad-weights.yaml"
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
# A CSV file starts with a UTF-8 byte-order mark, for Excel; standard output has none.
[[ "$(head -c 3 "$tmp/out.csv" | od -An -tx1 | tr -d ' ')" == "efbbbf" ]] && pass || fail "out.csv has no byte-order mark"
[[ "$("$bin" score "${G[@]}" --format csv 2>/dev/null | head -c 4)" == "rank" ]] && pass || fail "stdout CSV starts with a BOM"
# An Excel workbook out: a zip file (xlsx), written whole.
expect "xlsx out" 0 "wrote 32 entities to $tmp/result.xlsx" -- "$bin" score "${G[@]}" --format xlsx --output "$tmp/result.xlsx"
[[ "$(head -c 2 "$tmp/result.xlsx")" == "PK" ]] && pass || fail "result.xlsx is not a workbook"
expect "uncertainty xlsx out" 0 "" -- "$bin" uncertainty "${G[@]}" --inputs "$src/examples/data/guangxi-uncertainty.yaml" --replications 40 --quiet --format xlsx --output "$tmp/u.xlsx"
[[ "$(head -c 2 "$tmp/u.xlsx")" == "PK" ]] && pass || fail "u.xlsx is not a workbook"
expect "xlsx needs a file" 2 "--format xlsx writes a workbook, which needs a file" -- "$bin" score "${G[@]}" --format xlsx
# GB18030 data read with --encoding gives the same CSV as the UTF-8 file.
iconv -f UTF-8 -t GB18030 "$src/examples/data/guangxi-example-2019.csv" > "$tmp/gbk.csv"
[[ "$("$bin" score --rules "$src/rules/guangxi-2019.yaml" --data "$tmp/gbk.csv" --encoding gb18030 \
      --previous "$src/examples/data/guangxi-example-2018.csv" --ratings "$src/examples/data/guangxi-example-ratings.csv" \
      --format csv 2>/dev/null)" == "$("$bin" score "${G[@]}" --format csv 2>/dev/null)" ]] && pass || fail "GB18030 scores differently"
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
grep -q '<th class="chart">总分构成' "$tmp/report.html" && pass || fail "report.html's ranking has no split bars"
expect "report folder" 0 "wrote 33 pages to $tmp/pages" -- "$bin" report "${G[@]}" --output "$tmp/pages"
[[ -f "$tmp/pages/index.html" && -f "$tmp/pages/GX004.html" ]] && pass || fail "the report folder lacks its pages"
expect "report one scorecard" 0 "with rank intervals from 40 replications" -- \
  "$bin" report "${G[@]}" "${U[@]::4}" --entity GX004 --output "$tmp/GX004.html"
grep -q 'class="stability"' "$tmp/GX004.html" && pass || fail "GX004.html has no rank interval"
expect "report unknown entity" 4 "no entity 'GX999' in the data" -- \
  "$bin" report "${G[@]}" --entity GX999 --output "$tmp/x.html"
expect "report unwritable" 5 "does not exist (create it first)" -- "$bin" report "${G[@]}" --output "$tmp/no/such/dir"
[[ ! -e "$tmp/x.html" ]] && pass || fail "a report was written despite the error"
# Issue 19: the overview or the scorecards alone; a scorecard to send out, its experts numbered or hidden.
expect "report overview only" 0 "wrote $tmp/overview.html" -- \
  "$bin" report "${G[@]}" --overview-only --output "$tmp/overview.html"
! grep -q 'class="scorecard"' "$tmp/overview.html" && grep -q 'id="ranking-table"' "$tmp/overview.html" && \
  ! grep -q 'href="#scorecard' "$tmp/overview.html" && pass || fail "--overview-only holds a scorecard or a link to one"
expect "report scorecards only" 0 "wrote 32 pages to $tmp/cards" -- \
  "$bin" report "${G[@]}" --scorecards-only --output "$tmp/cards"
[[ ! -e "$tmp/cards/index.html" && -f "$tmp/cards/GX004.html" ]] && pass || fail "--scorecards-only wrote an overview"
expect "report overview and scorecards only" 2 "excludes" -- \
  "$bin" report "${G[@]}" --overview-only --scorecards-only --output "$tmp/y.html"
"$bin" report "${G[@]}" --entity GX004 --anonymous-experts --output "$tmp/anon.html" 2>/dev/null
grep -q '<th>专家1</th>' "$tmp/anon.html" && grep -q '专家5：' "$tmp/anon.html" && \
  ! grep -q 'E01' "$tmp/anon.html" && pass || fail "--anonymous-experts: the experts' ids still show"
"$bin" report "${G[@]}" --entity GX004 --anonymous-experts combined --output "$tmp/anon.html" 2>/dev/null
! grep -q '专家1\|E01\|expert 1' "$tmp/anon.html" && grep -q 'table class="ratings' "$tmp/anon.html" && pass || \
  fail "--anonymous-experts combined: an expert still shows"
expect "report anonymous bad" 2 "anonymous-experts" -- \
  "$bin" report "${G[@]}" --entity GX004 --anonymous-experts everyone --output "$tmp/z.html"

# Issue 14: no output ever replaces an input, under any spelling of its path; nothing but a regular file is
# written; devices, FIFOs and folders as inputs get their own messages.
cp "$src/examples/data/guangxi-example-2019.csv" "$tmp/data.csv"
cp "$src/rules/guangxi-2019.yaml" "$tmp/rules.yaml"
cp "$src/examples/data/guangxi-example-ratings.csv" "$tmp/ratings.csv"
ln -s "$tmp/data.csv" "$tmp/link.csv"
ln "$tmp/ratings.csv" "$tmp/hard.csv"
H=(--rules "$tmp/rules.yaml" --data "$tmp/data.csv" --previous "$src/examples/data/guangxi-example-2018.csv"
   --ratings "$tmp/ratings.csv")
before=$(cat "$tmp/data.csv" "$tmp/rules.yaml" "$tmp/ratings.csv" | md5sum)
expect "output is the data" 5 "error: --output $tmp/data.csv is the same file as the input --data $tmp/data.csv: makerscore never writes over its inputs" --   "$bin" score "${H[@]}" --format csv --output "$tmp/data.csv"
expect "output is the data, spelt otherwise" 5 "is the same file as the input --data" --   bash -c "cd '$tmp' && '$bin' score --rules rules.yaml --data ./data.csv --previous '$src/examples/data/guangxi-example-2018.csv' --ratings ratings.csv --output '$tmp/../$(basename "$tmp")/data.csv'"
expect "output is a link to the data" 5 "is the same file as the input --data" -- "$bin" score "${H[@]}" --output "$tmp/link.csv"
expect "output is a hard link to the ratings" 5 "is the same file as the input --ratings" -- "$bin" score "${H[@]}" --output "$tmp/hard.csv"
expect "output is the rule file" 5 "is the same file as the input --rules" -- "$bin" report "${H[@]}" --output "$tmp/rules.yaml"
cp "$src/examples/data/guangxi-uncertainty.yaml" "$tmp/inputs.yaml"
expect "output is the uncertainty inputs" 5 "is the same file as the input --inputs" -- "$bin" uncertainty "${H[@]}" --inputs "$tmp/inputs.yaml" --output "$tmp/inputs.yaml"
[[ "$(cat "$tmp/data.csv" "$tmp/rules.yaml" "$tmp/ratings.csv" | md5sum)" == "$before" ]] && pass || fail "an input was changed"
expect "output is a device" 5 "/dev/null: cannot write the output file: it is a device, and makerscore writes only to a regular file" --   "$bin" score "${G[@]}" --output /dev/null
[[ -c /dev/null ]] && pass || fail "/dev/null is no longer a device"
mkfifo "$tmp/out.fifo"
expect "output is a FIFO" 5 "it is a FIFO (named pipe)" -- "$bin" score "${G[@]}" --output "$tmp/out.fifo"
[[ -p "$tmp/out.fifo" ]] && pass || fail "the FIFO was replaced"
expect "rules from /dev/zero" 3 "/dev/zero: error: is a device, not a rule file" -- "$bin" score --rules /dev/zero --data x.csv
expect "data from /dev/zero" 4 "/dev/zero: is a device, not a data file" --   "$bin" score --rules "$src/rules/guangxi-2019.yaml" --data /dev/zero
expect "inputs from /dev/zero" 3 "/dev/zero: error: is a device, not a uncertainty file" --   "$bin" uncertainty "${G[@]}" --inputs /dev/zero --replications 40 --quiet
expect "rules from an endless pipe" 3 "the rule file is larger than 16 MiB, the most makerscore reads as one rule file" --   "$bin" score --rules <(yes) --data x.csv
expect "rules from a pipe" 0 "GX004" -- "$bin" score --rules <(cat "$src/rules/guangxi-2019.yaml")   --data "$src/examples/data/guangxi-example-2019.csv" --previous "$src/examples/data/guangxi-example-2018.csv"   --ratings "$src/examples/data/guangxi-example-ratings.csv"
expect "rules is a folder" 3 "error: is a folder, not a rule file" -- "$bin" score --rules "$tmp" --data x.csv
expect "rules with a trailing slash" 3 "ends in '/', but it names a file, not a folder: write it without the '/'" --   "$bin" score --rules "$tmp/rules.yaml/" --data x.csv
# A report folder that holds other files is refused untouched; an earlier report is replaced whole.
mkdir -p "$tmp/mixed" && cp "$tmp/data.csv" "$tmp/mixed/"
expect "report into a data folder" 5 "it holds 'data.csv', which is not part of an earlier makerscore report" --   "$bin" report "${G[@]}" --output "$tmp/mixed"
[[ -f "$tmp/mixed/data.csv" && ! -e "$tmp/mixed/index.html" ]] && pass || fail "the data folder was changed"
touch "$tmp/pages/OLD.html" && rm "$tmp/pages/OLD.html"
cp "$tmp/pages/GX004.html" "$tmp/pages/GX999.html"  # a page of last year's report, for a makerspace gone since
expect "report folder again" 0 "wrote 33 pages to $tmp/pages" -- "$bin" report "${G[@]}" --output "$tmp/pages"
[[ ! -e "$tmp/pages/GX999.html" ]] && pass || fail "last year's page was left mixed in"
[[ -z "$(ls -A "$tmp" | grep '^\.makerscore-')" ]] && pass || fail "a hidden temporary was left behind"
# Degenerate input: last year's file given as this year's.
expect "previous is the data" 0 "warning: last year's data ($src/examples/data/guangxi-example-2019.csv) is the same as this year's" --   "$bin" score --rules "$src/rules/guangxi-2019.yaml" --data "$src/examples/data/guangxi-example-2019.csv"   --previous "$src/examples/data/guangxi-example-2019.csv" --ratings "$src/examples/data/guangxi-example-ratings.csv"
echo "entity,indicator,expert,rating" > "$tmp/no-ratings.csv"
expect "ratings file with only its header" 0 "warning: the ratings file $tmp/no-ratings.csv holds no ratings (only its header?)" --   "$bin" score --rules "$src/rules/guangxi-2019.yaml" --data "$src/examples/data/guangxi-example-2019.csv"   --previous "$src/examples/data/guangxi-example-2018.csv" --ratings "$tmp/no-ratings.csv"

echo "$passes passed, $failures failed"
[[ $failures -eq 0 ]]
