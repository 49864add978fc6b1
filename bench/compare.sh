#!/usr/bin/env bash
# catalog side by side with the tools users would pick instead, on the SAME generated data, in one run.
#
#   bench/compare.sh                 # full run (about 30-60 min on a loaded 2-core box); rewrites docs/performance.md
#   RUNS=3 N_BIG=200000 bench/compare.sh   # quicker, smaller
#
# What it does:
#   1. builds catalog, examples/gen_catalog and examples/parse_only (release);
#   2. generates catalogs with examples/gen_catalog (seed 42): 10k-item YAML, 100k-item YAML,
#      1M items as a directory of 100 YAML files; converts them with `catalog convert` to
#      CSV (100k; 1M as 100 files) and one-sheet xlsx (100k, and N_FL_XLSX for frictionless if smaller);
#   3. installs into bench/scratch/ (gitignored): frictionless from PyPI (python3 -m venv + pip) and
#      Spectral from npm (@stoplight/spectral-cli);
#   4. times each command RUNS times with /usr/bin/time -f "%e %U %S %M" and reports the medians of
#      wall time, CPU time (user+sys) and peak RSS:
#        catalog lint vs frictionless validate (bench/schema.json)   on the 100k CSV and xlsx
#        catalog lint vs spectral lint (bench/spectral.yaml)         on the 10k YAML
#        catalog lint vs the bare-parse floor (examples/parse_only)  on the 10k YAML and 100k CSV
#        catalog lint on 1M items, as 100 YAML files and as 100 CSV files; 1M/100k growth
#   5. writes docs/performance.md (dated, machine facts, exact commands, figures, targets met or not).
#
# Variables (environment): RUNS (5), SLOW_RUNS (runs for frictionless/Spectral, default RUNS),
# BIG_RUNS (runs of the 1M-item lints, default RUNS), KEEP_BIG=1 (keep the 1M files, ~7 GB),
# N_YAML (10000), N_MID (100000), N_BIG (1000000), N_FL_XLSX (items in the xlsx given to
# frictionless, default N_MID; when smaller, its time is compared per item and the doc says so),
# SKIP_BIG=1 (skip the 1M runs), DOC (output page, default docs/performance.md).
# Needs: cargo, python3 (venv), node/npm, /usr/bin/time (GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-5}
SLOW_RUNS=${SLOW_RUNS:-$RUNS}
BIG_RUNS=${BIG_RUNS:-$RUNS}
N_YAML=${N_YAML:-10000}
N_MID=${N_MID:-100000}
N_BIG=${N_BIG:-1000000}
N_FL_XLSX=${N_FL_XLSX:-$N_MID}
DOC=${DOC:-docs/performance.md}
SCRATCH=$ROOT/bench/scratch
DATA=$SCRATCH/data
LOG=$SCRATCH/log
mkdir -p "$DATA" "$LOG"
START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

say() { printf '\n== %s\n' "$*" >&2; }

say "build (release)"
cargo build --release --quiet --bin catalog
cargo build --release --quiet --example gen_catalog --example parse_only
CAT=$ROOT/target/release/catalog
GEN=$ROOT/target/release/examples/gen_catalog
PARSE=$ROOT/target/release/examples/parse_only

say "tools into bench/scratch"
if ! "$SCRATCH/venv/bin/python" -c "import frictionless, openpyxl" 2>/dev/null; then
  python3 -m venv "$SCRATCH/venv"
  "$SCRATCH/venv/bin/pip" install --quiet "frictionless[excel]"
fi
if [ ! -x "$SCRATCH/node_modules/.bin/spectral" ]; then
  (cd "$SCRATCH" && npm install --silent --no-audit --no-fund @stoplight/spectral-cli)
fi
FL=$SCRATCH/venv/bin/frictionless
SPECTRAL=$SCRATCH/node_modules/.bin/spectral
FL_VERSION=$("$FL" --version 2>/dev/null | head -1)
SPECTRAL_VERSION=$("$SPECTRAL" --version 2>/dev/null | head -1)
CAT_VERSION=$("$CAT" --version)

say "data (generated once into bench/scratch/data, reused afterwards)"
gen() { # gen N OUT [extra args]
  local n=$1 out=$2; shift 2
  [ -e "$out" ] || "$GEN" --items "$n" --out "$out" "$@" >/dev/null
}
conv() { # conv IN OUT [extra args]
  local in=$1 out=$2; shift 2
  [ -e "$out" ] || "$CAT" convert "$in" "$out" "$@" >/dev/null 2>&1
}
Y10=$DATA/items-$N_YAML.yaml
Y100=$DATA/items-$N_MID.yaml
C100=$DATA/items-$N_MID.csv
X100=$DATA/items-$N_MID.xlsx
gen "$N_YAML" "$Y10"
gen "$N_MID" "$Y100"
conv "$Y100" "$C100"
conv "$Y100" "$X100" --sheets one
XFL=$X100
if [ "$N_FL_XLSX" != "$N_MID" ]; then
  gen "$N_FL_XLSX" "$DATA/items-$N_FL_XLSX.yaml"
  XFL=$DATA/items-$N_FL_XLSX.xlsx
  conv "$DATA/items-$N_FL_XLSX.yaml" "$XFL" --sheets one
fi
# Like for like: a catalog with planted defects (gen_catalog --defects) checked by all three tools.
DEF=$DATA/defects-1000.yaml
gen 1000 "$DEF" --seed 3 --defects 10 --defects-out "$DATA/defects-1000.json"
conv "$DEF" "$DATA/defects-1000.csv"
"$CAT" lint "$DEF" -f json >"$LOG/def_cat.json" 2>/dev/null || true
"$FL" validate --trusted --schema bench/schema.json --json "$DATA/defects-1000.csv" >"$LOG/def_fl.json" 2>/dev/null || true
"$SPECTRAL" lint --ruleset bench/spectral.yaml -f json "$DEF" >"$LOG/def_spectral.json" 2>/dev/null || true

# measure NAME RUNS CMD...: runs CMD, appends "name wall cpu rss_kb runs" (medians) to $RES.
RES=$LOG/results.txt
# ONLY="name ..." re-measures just those and keeps the other results of the previous run.
if [ -z "${ONLY:-}" ]; then echo "$START_DATE, load average $LOAD_START" >"$LOG/full-run.txt"; : >"$RES"; : >"$LOG/failures.txt"; : >"$LOG/commands.txt"; fi
touch "$RES" "$LOG/failures.txt" "$LOG/commands.txt"
measure() {
  local name=$1 runs=$2; shift 2
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then return; fi
  local f=$LOG/$name.times
  : >"$f"
  for g in "$RES" "$LOG/failures.txt" "$LOG/commands.txt"; do sed -i "/^$name[: ]/d" "$g"; done
  echo "$name: $*" >>"$LOG/commands.txt"
  for ((i = 0; i < runs; i++)); do
    local rc=0
    /usr/bin/time -o "$f.one" -f "%e %U %S %M" "$@" >"$LOG/$name.out" 2>"$LOG/$name.err" || rc=$?
    # exit 1 = findings (catalog, frictionless, Spectral); anything else is a failed run, kept visible.
    [ "$rc" -le 1 ] || echo "$name: exit $rc" >>"$LOG/failures.txt"
    tail -1 "$f.one" >>"$f"
  done
  python3 - "$name" "$f" "$runs" >>"$RES" <<'PY'
import statistics, sys
name, path, runs = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.split() for l in open(path) if l.strip()]
wall = statistics.median(float(r[0]) for r in rows)
cpu = statistics.median(float(r[1]) + float(r[2]) for r in rows)
rss = statistics.median(int(r[3]) for r in rows)
print(name, f"{wall:.3f}", f"{cpu:.3f}", rss, runs)
PY
  tail -1 "$RES" >&2
}

say "timing (medians of $RUNS runs; competitors $SLOW_RUNS)"
measure cat_csv "$RUNS" "$CAT" lint -q "$C100"
measure fl_csv "$SLOW_RUNS" "$FL" validate --trusted --schema bench/schema.json "$C100"
measure cat_xlsx "$RUNS" "$CAT" lint -q "$X100"
measure fl_xlsx "$SLOW_RUNS" "$FL" validate --trusted --schema bench/schema.json "$XFL"
measure cat_yaml "$RUNS" "$CAT" lint -q "$Y10"
measure parse_yaml "$RUNS" "$PARSE" "$Y10"
measure spectral_yaml "$SLOW_RUNS" "$SPECTRAL" lint --ruleset bench/spectral.yaml --fail-severity error "$Y10"
measure parse_csv "$RUNS" "$PARSE" "$C100"
measure cat_yaml100k "$RUNS" "$CAT" lint -q "$Y100"
measure parse_yaml100k "$RUNS" "$PARSE" "$Y100"
# The 1M-item data are large (about 3 GB of YAML, 4 GB of CSV): a directory of 100 YAML files
# and the same 100 files converted one by one to CSV (one CSV of 4 GB is past the 2 GB a sheet
# may hold, and refused with a message). Deleted after use unless KEEP_BIG=1.
if [ "${SKIP_BIG:-0}" != 1 ]; then
  D1M=$DATA/items-$N_BIG-dir
  C1M=$DATA/items-$N_BIG-csv
  gen "$N_BIG" "$D1M" --files 100
  measure cat_dir1m "$BIG_RUNS" "$CAT" lint -q "$D1M"
  if [ ! -e "$C1M/samples" ]; then
    mkdir -p "$C1M"
    for f in "$D1M"/*.yaml; do conv "$f" "$C1M/$(basename "$f" .yaml).csv"; done
    cp -r "$D1M/samples" "$C1M/"
  fi
  SIZES_BIG="items-$N_BIG-dir $(du -sh "$D1M" 2>/dev/null | cut -f1); items-$N_BIG-csv $(du -sh "$C1M" | cut -f1)"
  [ "${KEEP_BIG:-0}" = 1 ] || rm -rf "$D1M"
  measure cat_csv1m "$BIG_RUNS" "$CAT" lint -q "$C1M"
  [ "${KEEP_BIG:-0}" = 1 ] || rm -rf "$C1M"
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# What each tool said about the (clean) data, so the comparison is known to be like for like.
outcome() { head -c 400 "$LOG/$1.out" | tr '\n' ' ' | sed 's/|/\\|/g'; head -c 300 "$LOG/$1.err" | tr '\n' ' ' | sed 's/|/\\|/g'; }

say "writing $DOC"
export ONLY="${ONLY:-}" SIZES_BIG="${SIZES_BIG:-}" BIG_RUNS START_DATE LOAD_START LOAD_END RUNS SLOW_RUNS N_YAML N_MID N_BIG N_FL_XLSX FL_VERSION SPECTRAL_VERSION CAT_VERSION SKIP_BIG
export O_CAT_CSV="$(outcome cat_csv)" O_FL_CSV="$(outcome fl_csv)" O_FL_XLSX="$(outcome fl_xlsx)" \
  O_SPECTRAL="$(outcome spectral_yaml)" O_CAT_YAML="$(outcome cat_yaml)" O_PARSE="$(outcome parse_yaml)"
export NPROC=$(nproc) CPU_MODEL=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') \
  MEM=$(free -g | awk '/Mem:/{print $2" GB"}') OS=$(. /etc/os-release && echo "$PRETTY_NAME") \
  RUSTC=$(rustc --version) SIZES="$(cd "$DATA" && du -sh -- * | awk '{printf "%s %s; ", $2, $1}')"
python3 bench/report.py "$RES" "$LOG/commands.txt" "$ROOT" >"$DOC"
cat "$DOC" >&2
