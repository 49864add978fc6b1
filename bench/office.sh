#!/usr/bin/env bash
# catalog lint vs frictionless validate on an office-layout 办事指南汇总表 (issue 21), side by side:
# the same 100,000-row sheet as xlsx (13 MB) and as GBK CSV (59 MB), a title row and a 填报单位 line above
# the header, several numbered entries per 情形/条件/材料 cell. frictionless gets a Table Schema of
# those columns (written by the generator: required names, code and level patterns) and is told
# where the header is (--header-rows 3) and the encoding (--encoding gbk).
#
#   bench/office.sh                   # ROWS=100000 RUNS=3
#   ROWS=20000 RUNS=1 bench/office.sh # quicker
#
# Targets: catalog ≤ 1/30 of frictionless on the xlsx, ≤ 1/10 on the CSV. Writes the medians (wall
# seconds, peak KB) to bench/scratch/office/results.txt and prints the ratios. ONLY="cat_xlsx …"
# re-measures just those. Needs cargo, python3 (venv), GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
ROWS=${ROWS:-100000}
RUNS=${RUNS:-3}
SCRATCH=$ROOT/bench/scratch
OUT=$SCRATCH/office
mkdir -p "$OUT"

cargo build --release --quiet --bin catalog --example gen_office
CAT=$ROOT/target/release/catalog
GEN=$ROOT/target/release/examples/gen_office
if ! "$SCRATCH/venv/bin/python" -c "import frictionless, openpyxl" 2>/dev/null; then
  python3 -m venv "$SCRATCH/venv"
  "$SCRATCH/venv/bin/pip" install --quiet "frictionless[excel]"
fi
FL=$SCRATCH/venv/bin/frictionless

# Seed 2: one header row (frictionless reads one header row; catalog reads either).
X=$OUT/guide-$ROWS.xlsx
C=$OUT/guide-$ROWS.csv
S=$OUT/schema.json
[ -e "$X" ] || "$GEN" --layout guide --rows "$ROWS" --seed 2 --defects 5 --out "$X" --schema-out "$S"
[ -e "$C" ] || "$GEN" --layout guide --rows "$ROWS" --seed 2 --defects 5 --out "$C"
touch "$OUT/results.txt"
sed -i '/^sizes /d' "$OUT/results.txt"
echo "sizes xlsx $(du -h "$X" | cut -f1), csv $(du -h "$C" | cut -f1)" >>"$OUT/results.txt"

# measure NAME CMD...: median wall seconds of RUNS runs (exit 0/1 = ran; findings are expected).
measure() {
  local name=$1; shift
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then return; fi
  sed -i "/^$name /d" "$OUT/results.txt"
  local times=() cpus=()
  for ((i = 0; i < RUNS; i++)); do
    local rc=0
    /usr/bin/time -o "$OUT/$name.time" -f "%e %M %U %S" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err" || rc=$?
    [ "$rc" -le 1 ] || { echo "$name failed (exit $rc): $(tail -3 "$OUT/$name.err")" >&2; exit 1; }
    # GNU time prefixes "Command exited with non-zero status 1" when there are findings.
    times+=("$(tail -1 "$OUT/$name.time" | cut -d' ' -f1)")
    cpus+=("$(tail -1 "$OUT/$name.time" | awk '{print $3 + $4}')")
  done
  local med cpu
  med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${cpus[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  # name, wall s, peak KB, CPU s (user+sys)
  echo "$name $med $(tail -1 "$OUT/$name.time" | cut -d' ' -f2) $cpu" | tee -a "$OUT/results.txt"
}

measure cat_xlsx "$CAT" lint "$X" -f json
measure cat_csv "$CAT" lint "$C" -f json
# --limit-errors: frictionless stops at 1,000 errors by default; catalog reads every row.
measure fl_xlsx "$FL" validate --trusted --limit-errors 100000000 --header-rows 3 --schema "$S" "$X"
measure fl_csv "$FL" validate --trusted --limit-errors 100000000 --header-rows 3 --encoding gbk --schema "$S" "$C"

python3 - "$OUT/results.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
r = {f[0]: (float(f[1]), float(f[3]) if len(f) > 3 else float("nan")) for f in rows if f[0] in ("cat_xlsx", "cat_csv", "fl_xlsx", "fl_csv")}
load = open("/proc/loadavg").read().split()[:3]
print(f"load average now: {' '.join(load)} (2 cores shared: wall times grow with load, CPU times less so)")
for kind, target in (("xlsx", 30), ("csv", 10)):
    (cw, cc), (fw, fc) = r[f"cat_{kind}"], r[f"fl_{kind}"]
    ok = "met" if fw / cw >= target else "NOT met"
    print(f"{kind}: catalog {cw:.2f} s wall ({cc:.2f} s CPU), frictionless {fw:.2f} s wall ({fc:.2f} s CPU): "
          f"{fw / cw:.1f}x wall, {fc / cc:.1f}x CPU (target {target}x, {ok})")
PY
