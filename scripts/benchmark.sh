#!/usr/bin/env bash
# Benchmarks the release build of `lakip run` on generated data, optionally beside the shared
# DuckDB job, and prints medians of wall time and peak memory.
#
#   scripts/benchmark.sh [--agencies N] [--indicators N] [--pemda N] [--id] [--budget MODE] [--runs N]
#                        [--duckdb] [--floor] [--baseline LAKIP]
#
#   --agencies N, --indicators N   data size: N agencies × N indicators each (default 500 × 2000,
#                                  1,000,000 indicators, about 3.9 million quarter rows)
#   --pemda N                      N Pemda with the same OPD and indicator codes each (kode_pemda in
#                                  every key): the national shape is --pemda 550 --agencies 40
#                                  --indicators 50 (1,100,000 indicators)
#   --id                           the ';' + decimal-comma convention
#   --budget same-row|own-row      adds realisasi_anggaran to each realisation row, or puts it in
#                                  a row of its own (the same data in twice the rows)
#   --shared-generator             generate with ../shared/bench/gen.py instead (with --id only)
#   --runs N                       runs of each tool (default 3), taken alternately
#   --duckdb                       also run ../shared/bench/duckdb_job.py (pip install duckdb) and
#                                  print the ratio lakip / DuckDB
#   --floor                        also run the libcsv parse-only floor (../shared/bench/libcsv_count.c,
#                                  built with gcc) and print the ratio lakip / floor
#   --baseline LAKIP               also run another lakip executable (e.g. a release build of an
#                                  earlier commit, from a git worktree) and print the ratio
#                                  lakip / baseline, to show a change is no slower
#
# Data is generated once per size into $BENCH_DIR (default /tmp/lakip-bench) by
# scripts/generate_data.py. Times come from /usr/bin/time (wall clock, maximum resident set). A run
# that fails (a crash, the duckdb module missing) stops the script instead of counting as a time.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
agencies=500 indicators=2000 runs=3 convention="" budget="" duckdb=0 floor=0 shared=0 baseline="" pemda=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --agencies) agencies="$2"; shift 2 ;;
        --indicators) indicators="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        --pemda) pemda="$2"; shift 2 ;;
        --id) convention="--id"; shift ;;
        --budget) budget="$2"; shift 2 ;;
        --shared-generator) shared=1; shift ;;
        --duckdb) duckdb=1; shift ;;
        --floor) floor=1; shift ;;
        --baseline) baseline="$2"; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done
bench="${BENCH_DIR:-/tmp/lakip-bench}"
source "$root/scripts/bench-lib.sh"
if [[ $shared == 1 && ( -n "$budget" || -n "$pemda" ) ]]; then
    echo "--budget and --pemda are not available with --shared-generator" >&2
    exit 2
fi
data=$(bench_data "$root" "$bench" "$shared" "$agencies" "$indicators" "$convention" "$budget" "$pemda")
lakip=$(build_lakip "$root")
peer="$root/../shared/bench/duckdb_job.py"
if [[ $floor == 1 ]]; then build_floor "$root" "$bench"; fi

bytes=$(( $(stat -c %s "$data/target.csv") + $(stat -c %s "$data/realisasi.csv") ))
rows=$(( $(wc -l < "$data/target.csv") + $(wc -l < "$data/realisasi.csv") - 2 ))
: > "$bench/lakip.times"; : > "$bench/duckdb.times"; : > "$bench/floor.times"; : > "$bench/baseline.times"
run_lakip() {
    rm -rf "$bench/out-lakip"
    measure "$bench" lakip 1 "$lakip" run --data "$data" --out "$bench/out-lakip" --quiet >> "$bench/lakip.times"
}
run_baseline() {
    [[ -n "$baseline" ]] || return 0
    rm -rf "$bench/out-baseline"
    measure "$bench" baseline 1 "$baseline" run --data "$data" --out "$bench/out-baseline" --quiet >> "$bench/baseline.times"
}
for ((run = 1; run <= runs; run++)); do
    # lakip and the baseline take turns in each place, so that neither always runs right after
    # the other's gigabyte was written and removed, nor always after the light floor.
    if (( run % 2 == 1 )); then run_lakip; else run_baseline; fi
    if [[ $duckdb == 1 && -z "$convention" && -z "$pemda" ]]; then
        rm -rf "$bench/out-duckdb"
        measure "$bench" duckdb 0 python3 "$peer" "$data" "$bench/out-duckdb" >> "$bench/duckdb.times"
    fi
    if [[ $floor == 1 ]]; then
        measure "$bench" floor 0 "$bench/libcsv_count" "$data/target.csv" "$data/realisasi.csv" >> "$bench/floor.times"
    fi
    if (( run % 2 == 1 )); then run_baseline; else run_lakip; fi
done
seconds=$(cut -d' ' -f1 "$bench/lakip.times" | median)
memory=$(cut -d' ' -f2 "$bench/lakip.times" | median)
echo "data: $data ($rows rows, $((bytes / 1048576)) MB), $runs runs, $(nproc) cores"
awk -v s="$seconds" -v m="$memory" -v r="$rows" -v b="$bytes" 'BEGIN {
    printf "lakip:  median %.2f s, %.0f rows/s, %.1f MB/s, peak RSS %.0f MB\n", s, r / s, b / 1048576 / s, m / 1024 }'
if [[ -s "$bench/duckdb.times" ]]; then
    peer_seconds=$(cut -d' ' -f1 "$bench/duckdb.times" | median)
    peer_memory=$(cut -d' ' -f2 "$bench/duckdb.times" | median)
    awk -v s="$seconds" -v p="$peer_seconds" -v pm="$peer_memory" 'BEGIN {
        printf "duckdb: median %.2f s, peak RSS %.0f MB\nratio lakip / duckdb: %.2f\n", p, pm / 1024, s / p }'
fi
if [[ -s "$bench/baseline.times" ]]; then
    base_seconds=$(cut -d' ' -f1 "$bench/baseline.times" | median)
    base_memory=$(cut -d' ' -f2 "$bench/baseline.times" | median)
    # The median of the per-pair ratios, steadier on a noisy machine than a ratio of medians.
    pair_ratio=$(paste -d' ' <(cut -d' ' -f1 "$bench/lakip.times") <(cut -d' ' -f1 "$bench/baseline.times") \
        | awk '{ print $1 / $2 }' | median)
    awk -v s="$seconds" -v b="$base_seconds" -v bm="$base_memory" -v p="$pair_ratio" 'BEGIN {
        printf "baseline: median %.2f s, peak RSS %.0f MB\nratio lakip / baseline: %.3f (median of pairs %.3f)\n", b, bm / 1024, s / b, p }'
fi
if [[ -s "$bench/floor.times" ]]; then
    floor_seconds=$(cut -d' ' -f1 "$bench/floor.times" | median)
    awk -v s="$seconds" -v f="$floor_seconds" 'BEGIN {
        printf "libcsv parse-only floor: median %.2f s\nratio lakip / floor: %.2f\n", f, s / f }'
fi
