# Shared by scripts/benchmark.sh and scripts/contract-costs.sh: sourced, not run.

# bench_data ROOT BENCH SHARED AGENCIES INDICATORS CONVENTION BUDGET PEMDA
# Prints the folder of generated data of that shape under BENCH, generating it first when it is
# missing: with ../shared/bench/gen.py when SHARED is 1, else with scripts/generate_data.py.
# CONVENTION is "" or "--id"; BUDGET "", "same-row" or "own-row"; PEMDA "" or a count.
bench_data() {
    local root=$1 bench=$2 shared=$3 agencies=$4 indicators=$5 convention=$6 budget=$7 pemda=$8 data
    if [[ $shared == 1 ]]; then
        data="$bench/shared-${agencies}x${indicators}${convention}"
        if [[ ! -f "$data/realisasi.csv" ]]; then
            echo "generating $data" >&2
            python3 "$root/../shared/bench/gen.py" "$data" "$agencies" "$indicators" $convention >&2
        fi
    else
        data="$bench/data-${pemda:+${pemda}pemda-}${agencies}x${indicators}${convention}${budget:+-budget-$budget}"
        if [[ ! -f "$data/realisasi.csv" ]]; then
            echo "generating $data" >&2
            python3 "$root/scripts/generate_data.py" "$data" "$agencies" "$indicators" $convention \
                ${budget:+--budget "$budget"} ${pemda:+--pemda "$pemda"} >&2
        fi
    fi
    echo "$data"
}

# build_lakip DIR: builds the release lakip of the package in DIR and prints its path.
build_lakip() {
    (cd "$1" && swift build -c release --product lakip >&2) || return 1
    echo "$(cd "$1" && swift build -c release --show-bin-path)/lakip"
}

# build_floor ROOT BENCH: builds the libcsv parse-only floor as BENCH/libcsv_count.
build_floor() {
    gcc -O2 -o "$2/libcsv_count" "$1/../shared/bench/libcsv_count.c" -lcsv
}

# measure BENCH NAME ALLOWED COMMAND...: runs COMMAND under /usr/bin/time, its output discarded,
# and prints "seconds kilobytes user system" (wall time, peak RSS, CPU time). lakip exits 1 when
# it rejected rows but wrote its reports, so its ALLOWED is 1; the DuckDB job and the floor exit
# 0. A status above ALLOWED is a failed run (a missing duckdb module, a crash), not a time: it
# says so with the run's last error lines and stops the script.
measure() {
    local bench=$1 name=$2 allowed=$3 status=0
    shift 3
    /usr/bin/time -o "$bench/last.time" -f "%e %M %U %S" "$@" >/dev/null 2>"$bench/last.stderr" || status=$?
    if (( status > allowed )); then
        echo "$name failed (exit $status):" >&2
        tail -n 5 "$bench/last.stderr" >&2
        exit 1
    fi
    tail -n 1 "$bench/last.time"
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
