#!/usr/bin/env bash
# What lakip's output contract costs in wall time, beside the DuckDB job and the parse floor.
#
#   scripts/contract-costs.sh [--runs N] [--shared-generator]
#
# Builds, next to the project's release build, a variant with scripts/contract-costs.patch
# applied: three environment variables that leave out parts of what a run promises. The
# variant is for this measurement only; its reports are not lakip's.
#   LAKIP_COST_NO_SYNC=1    no fsync and no early write-back: the commit is not durable
#   LAKIP_COST_NO_HASH=1    the reports are not hashed: the manifest's sha256 are wrong
#   LAKIP_COST_TABLES=a,b   only these tables, e.g. the four the DuckDB job writes
# Then runs, alternately and with `sync` before each run: lakip; the variant without durability;
# without durability and hashes; with four tables; with four tables and neither; `lakip validate`,
# which loads and checks the data and writes nothing (the load alone, so a run's time less this
# is what its reports take); the DuckDB job (../shared/bench/duckdb_job.py); and the libcsv
# parse-only floor. It prints the median wall time, CPU time (user and system, all threads) and
# peak memory of each, and the wall time's ratios to the DuckDB job and the floor.
#
# The data are scripts/benchmark.sh's default 1,000,000 indicators (or gen.py's with
# --shared-generator), generated into $BENCH_DIR (default /tmp/lakip-bench) if missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs=5 shared=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --shared-generator) shared=1; shift ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
bench="${BENCH_DIR:-/tmp/lakip-bench}"
mkdir -p "$bench"
source "$root/scripts/bench-lib.sh"
data=$(bench_data "$root" "$bench" "$shared" 500 2000 "" "" "")

lakip=$(build_lakip "$root")
variant_root="$bench/contract-costs-src"
# Fresh sources each time; the variant's build folder is kept, so a second run builds little.
mkdir -p "$variant_root"
find "$variant_root" -mindepth 1 -maxdepth 1 ! -name .build -exec rm -rf {} +
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$variant_root")
(cd "$variant_root" && git apply "$root/scripts/contract-costs.patch")
variant=$(build_lakip "$variant_root")
build_floor "$root" "$bench"

four=pengukuran_kinerja.csv,capaian_triwulan.csv,capaian_semester.csv,rekap_opd.csv
names=(lakip no-sync no-sync-no-hash four-tables four-tables-no-sync-no-hash load-only duckdb floor)
run_one() {  # name → appends "seconds kilobytes user system" to its times file
    local out="$bench/out-contract-costs"
    rm -rf "$out"
    sync
    local -a command
    case "$1" in
        lakip) command=("$lakip" run --data "$data" --out "$out" --quiet) ;;
        no-sync) command=(env LAKIP_COST_NO_SYNC=1 "$variant" run --data "$data" --out "$out" --quiet) ;;
        no-sync-no-hash) command=(env LAKIP_COST_NO_SYNC=1 LAKIP_COST_NO_HASH=1 "$variant" run --data "$data"
                                  --out "$out" --quiet) ;;
        four-tables) command=(env LAKIP_COST_TABLES=$four "$variant" run --data "$data" --out "$out" --quiet) ;;
        four-tables-no-sync-no-hash) command=(env LAKIP_COST_TABLES=$four LAKIP_COST_NO_SYNC=1 LAKIP_COST_NO_HASH=1
                                              "$variant" run --data "$data" --out "$out" --quiet) ;;
        load-only) command=("$lakip" validate --data "$data" --quiet) ;;
        duckdb) command=(python3 "$root/../shared/bench/duckdb_job.py" "$data" "$out") ;;
        floor) command=("$bench/libcsv_count" "$data/target.csv" "$data/realisasi.csv") ;;
    esac
    local allowed=0
    [[ $1 == duckdb || $1 == floor ]] || allowed=1
    measure "$bench" "$1" "$allowed" "${command[@]}" >> "$bench/contract-costs-$1.times"
}
for name in "${names[@]}"; do : > "$bench/contract-costs-$name.times"; done
for ((run = 1; run <= runs; run++)); do
    for name in "${names[@]}"; do run_one "$name"; done
done
rm -rf "$bench/out-contract-costs"

peer=$(cut -d' ' -f1 "$bench/contract-costs-duckdb.times" | median)
floor=$(cut -d' ' -f1 "$bench/contract-costs-floor.times" | median)
echo "data: $data, $runs runs each, alternating, $(nproc) cores"
printf '%-28s %8s %10s %8s %10s %9s\n' run "median s" "CPU s" "peak MB" "/ DuckDB" "/ floor"
for name in "${names[@]}"; do
    seconds=$(cut -d' ' -f1 "$bench/contract-costs-$name.times" | median)
    memory=$(cut -d' ' -f2 "$bench/contract-costs-$name.times" | median)
    cpu=$(awk '{ print $3 + $4 }' "$bench/contract-costs-$name.times" | median)
    awk -v n="$name" -v s="$seconds" -v c="$cpu" -v m="$memory" -v p="$peer" -v f="$floor" 'BEGIN {
        printf "%-28s %8.2f %10.2f %8.0f %10.2f %9.2f\n", n, s, c, m / 1024, s / p, s / f }'
done
