#!/usr/bin/env bash
# The marked-up workbook (issue 25): `catalog lint X.xlsx -f xlsx -o out.xlsx` against plain
# `catalog lint X.xlsx -f json` on a 100,000-row office 办事指南汇总表 (gen_office, seed 2, planted
# defects every 5 rows), medians of RUNS runs with GNU time. The difference is what marking costs:
# the whole model instead of checking as the file is read, placing the findings, copying the
# workbook part by part and rewriting the sheets that get marks.
#
#   bench/markup.sh                    # ROWS=100000 RUNS=3
#   ROWS=20000 RUNS=1 bench/markup.sh  # quicker
#
# Writes "name wall-s peak-KB cpu-s" lines to bench/scratch/markup/results.txt and prints the
# ratio. Figures: docs/markup.md. Needs cargo and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
OUT=$ROOT/bench/scratch/markup
mkdir -p "$OUT"

cargo build --release --quiet --bin catalog --example gen_office
CAT=$ROOT/target/release/catalog
GEN=$ROOT/target/release/examples/gen_office
X=$OUT/guide-$ROWS.xlsx
[ -e "$X" ] || "$GEN" --layout guide --rows "$ROWS" --seed 2 --defects 5 --out "$X"
touch "$OUT/results.txt"

# measure NAME CMD...: median wall seconds of RUNS runs (exit 0/1 = ran; findings are expected).
measure() {
  local name=$1; shift
  sed -i "/^$name /d" "$OUT/results.txt"
  local times=() cpus=() peaks=()
  for ((i = 0; i < RUNS; i++)); do
    local rc=0
    /usr/bin/time -o "$OUT/$name.time" -f "%e %M %U %S" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
    [ "$rc" -le 1 ] || { echo "$name failed (exit $rc): $(tail -3 "$OUT/$name.err")" >&2; exit 1; }
    times+=("$(tail -1 "$OUT/$name.time" | cut -d' ' -f1)")
    peaks+=("$(tail -1 "$OUT/$name.time" | cut -d' ' -f2)")
    cpus+=("$(tail -1 "$OUT/$name.time" | awk '{print $3 + $4}')")
  done
  local med cpu peak
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  peak=$(printf '%s\n' "${peaks[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$name $med $peak $cpu" | tee -a "$OUT/results.txt"
}

measure json "$CAT" lint "$X" -f json
measure markup "$CAT" lint "$X" -f xlsx -o "$OUT/marked.xlsx"
measure markup_fix "$CAT" lint "$X" --fix -f xlsx -o "$OUT/fixed.xlsx"

python3 - "$OUT/results.txt" "$X" "$OUT/marked.xlsx" <<'PY'
import os, sys
rows = {l.split()[0]: l.split()[1:] for l in open(sys.argv[1]) if l.strip()}
j, m = float(rows["json"][0]), float(rows["markup"][0])
mb = lambda p: os.path.getsize(p) / 1e6
print(f"input {mb(sys.argv[2]):.1f} MB, marked copy {mb(sys.argv[3]):.1f} MB; load average {open('/proc/loadavg').read().split()[0]}")
print(f"lint -f json {j:.2f} s, {int(rows['json'][1]) // 1024} MB; -f xlsx {m:.2f} s, {int(rows['markup'][1]) // 1024} MB "
      f"({m / j:.1f}x); --fix -f xlsx {float(rows['markup_fix'][0]):.2f} s")
PY
