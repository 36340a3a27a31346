#!/usr/bin/env bash
# Builds and runs lakip's libFuzzer harnesses (Fuzz/, a separate package).
#
#   scripts/fuzz.sh build                   build both harnesses (-sanitize=fuzzer,address)
#   scripts/fuzz.sh seeds                   rebuild the seed corpora in Fuzz/Corpus from the test fixtures
#   scripts/fuzz.sh run HARNESS SECONDS     fuzz one harness (csv-reader or loader) for SECONDS
#   scripts/fuzz.sh smoke [SECONDS]         build, then fuzz each harness briefly (default 30 s each; CI)
#   scripts/fuzz.sh replay HARNESS FILE...  run a harness once on given inputs (crash reproduction)
#
# Logs, new corpus entries and crash artifacts go to $FUZZ_WORK (default /tmp/fuzz-<harness>);
# the committed seed corpus in Fuzz/Corpus/<harness> is only read. Any crash, leak-free ASan
# report, timeout (> 10 s per input) or out-of-memory (> 2 GB RSS) makes the run exit non-zero.
#
# FUZZ_SANITIZERS=fuzzer builds and runs the harnesses without AddressSanitizer (in their own
# build folder): the harnesses' own checks still run, at several times the executions per
# second, for long runs; the default (fuzzer,address) also catches memory errors in the C parser.
set -euo pipefail
# Swift's own crash backtracer fights ASan over the crashing process; let ASan report.
export SWIFT_BACKTRACE=enable=no
root="$(cd "$(dirname "$0")/.." && pwd)"
sanitizers="${FUZZ_SANITIZERS:-fuzzer,address}"
if [[ "$sanitizers" == "fuzzer,address" ]]; then scratch="$root/.build-fuzz"; else scratch="$root/.build-fuzz-${sanitizers//,/-}"; fi
bin="$scratch/release"

build() {
    # SwiftPM plans a path dependency's source list once; a touched manifest makes it look again
    # for files added to the main package since the last fuzz build.
    touch "$root/Fuzz/Package.swift"
    (cd "$root/Fuzz" && swift build -c release --scratch-path "$scratch" \
        -Xswiftc -sanitize="$sanitizers" -Xswiftc -parse-as-library)
}

# One seed per fixture folder and naming mode: byte 0 holds the flags the loader harness reads
# (see Fuzz/Sources/FuzzLoader/FuzzLoader.swift), then the target file, a NUL, the realisation file.
seeds() {
    local loader="$root/Fuzz/Corpus/loader" reader="$root/Fuzz/Corpus/csv-reader"
    rm -rf "$loader" "$reader"
    mkdir -p "$loader" "$reader"
    local dirs=("$root"/Tests/LakipEndToEndTests/Fixtures/* "$root"/Tests/LakipCoreTests/Fixtures/loader/* "$root/data")
    local dir name targets actuals flags
    for dir in "${dirs[@]}"; do
        name="$(basename "$dir")"
        targets="$(ls "$dir"/target*.csv "$dir"/pk.csv "$dir"/kinerja*.csv 2>/dev/null | head -n 1 || true)"
        actuals="$(ls "$dir"/realisasi*.csv "$dir"/laporan*.csv 2>/dev/null | head -n 1 || true)"
        [[ -n "$targets" ]] || continue
        for flags in 00 21 26 3c; do
            {
                printf "\\x$flags"
                cat "$targets"
                if [[ -n "$actuals" ]]; then printf '\0'; cat "$actuals"; fi
            } > "$loader/$name-$flags"
        done
    done
    # Generated folders (loader flag bit 6; bit 7 makes the second realisation file wide): the
    # bytes after the flags are the generator's choices, here a fixed pseudo-random sequence.
    for flags in 40 64 c0 e8; do
        { printf "\\x$flags"; LC_ALL=C awk 'BEGIN { for (i = 0; i < 512; i++) printf "%c", (i * 37 + 11) % 256 }'; } \
            > "$loader/generated-$flags"
    done
    local file
    for file in "$root"/Tests/LakipEndToEndTests/Fixtures/*/*.csv "$root"/Tests/LakipCoreTests/Fixtures/loader/*/*.csv; do
        name="$(basename "$(dirname "$file")")-$(basename "$file" .csv)"
        # Byte 0: delimiter detection and a 5-byte chunk for the chunked read.
        { printf '\x10'; cat "$file"; } > "$reader/$name"
    done
}

run() {
    local harness="$1" seconds="$2"
    local work="${FUZZ_WORK:-/tmp/fuzz-$harness}"
    mkdir -p "$work/corpus" "$work/artifacts"
    # New inputs go to the first corpus folder ($work/corpus); the committed seeds are read only.
    "$bin/fuzz-$harness" "$work/corpus" "$root/Fuzz/Corpus/$harness" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix="$work/artifacts/" -print_final_stats=1 ${FUZZ_FLAGS:-}
}

case "${1:-}" in
    build) build ;;
    seeds) seeds ;;
    run) [[ $# -eq 3 ]] || { echo "usage: $0 run csv-reader|loader SECONDS" >&2; exit 2; }; run "$2" "$3" ;;
    smoke)
        build
        for harness in csv-reader loader; do
            work="$(mktemp -d /tmp/fuzz-smoke-XXXXXX)"
            # Kept on failure (set -e stops here), so the crashing input can be replayed.
            FUZZ_WORK="$work" run "$harness" "${2:-30}"
            rm -rf "$work"
        done ;;
    replay)
        [[ $# -ge 3 ]] || { echo "usage: $0 replay csv-reader|loader FILE..." >&2; exit 2; }
        harness="$2"; shift 2
        "$bin/fuzz-$harness" -runs=1 "$@" ;;
    *) sed -n '2,16p' "$0" >&2; exit 2 ;;
esac
