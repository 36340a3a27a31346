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

# build_floor ROOT BENCH: builds the libcsv parse-only floor as BENCH/libcsv_count.
build_floor() {
    gcc -O2 -o "$2/libcsv_count" "$1/../shared/bench/libcsv_count.c" -lcsv
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
