#!/usr/bin/env bash
# Benchmark `catalog diff` on two generated versions of an N-item catalog with P% of the items
# changed, removed or added, then check that the report names exactly the changed codes.
#
#   bench/diff.sh              # 100,000 items, 5% changes
#   bench/diff.sh 10000 5      # smaller
#   BENCH_DIR=/tmp/b bench/diff.sh   # keep (and reuse) the generated files
#
# Needs the generator examples/gen_catalog.rs (`--items --seed --out --change-percent --changes-out`).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
P=${2:-5}
SEED=${SEED:-7}
DIR=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$DIR"

cargo build --release --quiet
cargo build --release --quiet --example gen_catalog
GEN=target/release/examples/gen_catalog
OLD="$DIR/old-$N.yaml"
NEW="$DIR/new-$N-$P.yaml"
CHANGES="$DIR/changes-$N-$P.json"
[ -f "$OLD" ] || "$GEN" --items "$N" --seed "$SEED" --out "$OLD" >/dev/null
[ -f "$NEW" ] || "$GEN" --items "$N" --seed "$SEED" --change-percent "$P" --changes-out "$CHANGES" --out "$NEW" >/dev/null
echo "files: $(du -h "$OLD" | cut -f1) + $(du -h "$NEW" | cut -f1); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

# --timings splits the wall time into load / compare / render; RUNS runs, the median quoted.
RUNS=${RUNS:-5}
: > "$DIR/runs.log"
for i in $(seq "$RUNS"); do
  /usr/bin/time -f "run $i: wall %e s, user %U s, sys %S s, max RSS %M KB" \
    target/release/catalog diff "$OLD" "$NEW" --format json --output "$DIR/report.json" --timings 2>&1 \
    | tee -a "$DIR/runs.log"
done
grep -o "^run [0-9]*: wall [0-9.]*" "$DIR/runs.log" | tail -n "$RUNS" | awk '{print $4}' | sort -n \
  | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "median wall of %d runs: %.2f s\n", NR, m}'

# The same comparison with both versions read whole (the path before items were paired by their
# text): the reports must be equal.
CATALOG_DIFF_BY_TEXT=0 /usr/bin/time -f "read whole: wall %e s, user %U s, sys %S s, max RSS %M KB" \
  target/release/catalog diff "$OLD" "$NEW" --format json --output "$DIR/report-whole.json"
python3 - "$DIR/report.json" "$DIR/report-whole.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
print("reports equal (paired by text / read whole)" if a == b else "REPORTS DIFFER")
sys.exit(0 if a == b else 1)
PY

python3 - "$DIR/report.json" "$CHANGES" <<'PY'
import json, sys
report, changes = (json.load(open(p)) for p in sys.argv[1:3])
want = {}
for c in changes:
    want.setdefault(c["change"], set()).add(c["code"])
got = {
    "changed": {c["code"] for c in report["changed"]},
    "removed": {c["code"] for c in report["removed"]},
    "added": {c["code"] for c in report["added"]},
}
ok = True
for k in ("changed", "removed", "added"):
    w, g = want.get(k, set()), got[k]
    print(f"{k:8} expected {len(w):6}  reported {len(g):6}  missing {len(w - g)}  unexpected {len(g - w)}")
    ok &= w == g
print("OK: every change named, no unchanged item listed" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
PY
