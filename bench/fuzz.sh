#!/usr/bin/env bash
# Coverage-guided fuzzing of rdock's parsers (fuzz/, cargo-fuzz + libFuzzer).
# Not run in CI. Usage: bash bench/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# (or FUZZ_TIME=SECONDS). Default 60 s for each target in fuzz/Cargo.toml.
# New inputs go to fuzz/corpus/TARGET (ignored by git; fuzz/seeds/TARGET are
# the committed seeds); a crash, timeout or leak is saved in
# fuzz/artifacts/TARGET and listed in the summary. Reproduce one with
#   cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…
set -uo pipefail
cd "$(dirname "$0")/../fuzz"
secs=${1:-${FUZZ_TIME:-60}}
shift $(( $# > 0 ? 1 : 0 ))

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz || exit 1
rustup toolchain list | grep -q '^nightly' || { echo "fuzz: needs the nightly toolchain (rustup toolchain install nightly)" >&2; exit 1; }

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
cargo +nightly fuzz build || exit 1

declare -A result
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "seeds/$t"
    before=$(ls "artifacts/$t" 2>/dev/null | wc -l)
    echo "== $t: ${secs}s"
    extra=()
    # -timeout: an input taking over 10 s counts as a hang; -rss_limit_mb bounds memory.
    if cargo +nightly fuzz run "$t" "corpus/$t" "seeds/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${extra[@]}" \
        2>"/tmp/rdock-fuzz-$t.log"; then
        result[$t]="ok"
    else
        result[$t]="FOUND (see /tmp/rdock-fuzz-$t.log)"
    fi
    after=$(ls "artifacts/$t" 2>/dev/null | wc -l)
    [ "$after" -gt "$before" ] && result[$t]="${result[$t]}; new artifacts in fuzz/artifacts/$t"
    grep -E '^stat::number_of_executed_units|^Done' "/tmp/rdock-fuzz-$t.log" | tail -1
done

echo
echo "== summary (${secs}s each)"
status=0
for t in "${targets[@]}"; do
    printf '%-16s %s\n' "$t" "${result[$t]}"
    [ "${result[$t]}" = ok ] || status=1
done
exit $status
