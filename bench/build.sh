#!/usr/bin/env bash
# Build benchmarks: `rdock build` side by side with `podman build` and
# `buildah bud` where installed.
# Run as root: bash bench/build.sh [RUNS] (default 5). Writes
# bench/build-results.md (medians and ratios from this one run) and prints it.
#
# Cases, all from a busybox base image that is already in every store:
#   3-step   FROM busybox / COPY a 1 MB file / RUN echo hi > /x
#            cold:   --no-cache, and a fresh random 1 MB file before every run
#                    (so neither the step cache nor content dedup can help)
#            cached: the same build again, nothing changed
#   6-stage  five independent `FROM busybox` + `RUN sleep 1 && echo N > /N`
#            stages and a final stage that COPY --from= each; cold only, set
#            against a 1-stage build of one of them (the longest stage)
#
# RUN steps use the host network in all three tools (`--network host`): their
# default private networks differ (rdock's bridge, podman's netavark, which also
# adds iptables chains to the host), so the host's keeps the comparison even.
# rdock's cold build on its default bridge network is measured as well.
# podman and buildah refuse this host's cgroup-v1 hybrid layout (crun); they run
# in a private mount namespace with the cgroup2 mount unmounted, as in run.sh,
# each with its own throwaway store under the work dir.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v hyperfine >/dev/null || { echo "bench: apt install hyperfine" >&2; exit 1; }

nice -n 19 cargo build -q --profile bench-release --bin rdock --example testimg
bin=$PWD/target/bench-release/rdock
testimg=$PWD/target/bench-release/examples/testimg

work=$(mktemp -d /tmp/rdock-buildbench.XXXXXX)
root=$work/root
R="$bin --root $root"
results=$work/results
mkdir -p "$results" "$work/tmp"
. scripts/registry.sh

# Host paths containers/storage, containers/image and netavark create even with
# a private store; removed at the end if this script created them.
host_dirs=()
for d in /var/lib/containers /run/containers /etc/containers/networks; do
    [ -e "$d" ] || host_dirs+=("$d")
done

have_podman=false have_buildah=false
ns="umount /sys/fs/cgroup/unified 2>/dev/null; exec env TMPDIR=$work/tmp"
if command -v podman >/dev/null; then
    PS="--root $work/podman/store --runroot $work/podman/run --tmpdir $work/podman/tmp --events-backend none"
    P="unshare -m sh -c '$ns podman --log-level=error $PS \"\$@\"' podman"
fi
if command -v buildah >/dev/null; then
    BS="--root $work/buildah/store --runroot $work/buildah/run"
    B="unshare -m sh -c '$ns buildah --log-level=error $BS \"\$@\"' buildah"
fi

cleanup() {
    $R ps -aq --no-trunc 2>/dev/null | xargs -r $R rm -f >/dev/null 2>&1 || true
    if $have_buildah; then
        eval "$B rm --all" >/dev/null 2>&1 || true
        eval "$B rmi -af" >/dev/null 2>&1 || true
    fi
    if $have_podman; then
        eval "$P rm -af" >/dev/null 2>&1 || true
        eval "$P rmi -af" >/dev/null 2>&1 || true
    fi
    stop_registry
    # Anything still mounted under the work dir (step containers), deepest first.
    awk -v w="$work" 'index($5, w) == 1 {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$work"
    [ ${#host_dirs[@]} -eq 0 ] || rm -rf "${host_dirs[@]}"
}
trap cleanup EXIT

start_registry "$work/registry"
"$testimg" "127.0.0.1:$port" busybox >/dev/null
img="127.0.0.1:$port/busybox"
$R pull -q "$img" >/dev/null
if [ -n "${P:-}" ]; then
    if eval "$P pull -q --tls-verify=false $img" >"$results/podman-pull.err" 2>&1; then have_podman=true
    else echo "bench: podman pull failed, podman skipped:" >&2; cat "$results/podman-pull.err" >&2; fi
fi
if [ -n "${B:-}" ]; then
    if eval "$B pull -q --tls-verify=false $img" >"$results/buildah-pull.err" 2>&1; then have_buildah=true
    else echo "bench: buildah pull failed, buildah skipped:" >&2; cat "$results/buildah-pull.err" >&2; fi
fi

# Build contexts.
ctx3=$work/ctx3       # cold: the file is rewritten before every run
ctx3c=$work/ctx3c     # cached: never changes
ctx6=$work/ctx6
ctx1=$work/ctx1
mkdir -p "$ctx3" "$ctx3c" "$ctx6" "$ctx1"
printf 'FROM %s\nCOPY blob /blob\nRUN echo hi > /x\n' "$img" > "$ctx3/Dockerfile"
cp "$ctx3/Dockerfile" "$ctx3c/Dockerfile"
head -c 1048576 /dev/urandom > "$ctx3c/blob"
newblob="head -c 1048576 /dev/urandom > $ctx3/blob"
{
    for i in 1 2 3 4 5; do printf 'FROM %s AS s%d\nRUN sleep 1 && echo %d > /%d\n\n' "$img" "$i" "$i" "$i"; done
    printf 'FROM %s\n' "$img"
    for i in 1 2 3 4 5; do printf 'COPY --from=s%d /%d /%d\n' "$i" "$i" "$i"; done
} > "$ctx6/Dockerfile"
printf 'FROM %s\nRUN sleep 1 && echo 1 > /1\n' "$img" > "$ctx1/Dockerfile"

# hf NAME WARMUP PREPARE COMMAND: one plain run first (prepare, then the
# command) so a failure is recorded with its stderr in NAME.failed instead of
# being timed; then hyperfine. For the cached cases that first run also fills
# the cache.
hf() {
    local name=$1 warmup=$2 prep=$3 cmd=$4
    echo "   $name"
    sh -c "$prep" >/dev/null 2>&1 || true
    if ! sh -c "$cmd" >/dev/null 2>"$results/$name.err"; then
        { echo "\$ $cmd"; tail -n 25 "$results/$name.err"; } > "$results/$name.failed"
        echo "bench: $name failed:" >&2; cat "$results/$name.failed" >&2
        return 0
    fi
    if ! hyperfine --warmup "$warmup" --runs "$runs" --prepare "$prep" \
        --export-json "$results/$name.json" "$cmd" >/dev/null 2>"$results/$name.hf.err"; then
        rm -f "$results/$name.json"
        sh -c "$prep" >/dev/null 2>&1 || true
        sh -c "$cmd" >/dev/null 2>"$results/$name.err" || true
        { echo "\$ $cmd"; echo "(failed during the timed runs)"; tail -n 5 "$results/$name.hf.err"; echo; tail -n 20 "$results/$name.err"; } > "$results/$name.failed"
        echo "bench: $name failed:" >&2; cat "$results/$name.failed" >&2
    fi
}
rmi_r() { echo "$R rmi -f $1 >/dev/null 2>&1 || true"; }
rmi_p() { echo "$P rmi -f $1 >/dev/null 2>&1 || true"; }
rmi_b() { echo "$B rmi -f $1 >/dev/null 2>&1 || true"; }
RB="build -q --network host"
PB="build -q --network host"
BB="bud -q --network host"

echo "== 3-step, cold (--no-cache, new 1 MB file each run)"
hf rdock_cold 0 "$newblob; $(rmi_r cold3)" "$R $RB --no-cache -t cold3 $ctx3"
hf rdock_cold_bridge 0 "$newblob; $(rmi_r cold3)" "$R build -q --no-cache -t cold3 $ctx3"
$have_podman && hf podman_cold 0 "$newblob; $(rmi_p cold3)" "$P $PB --no-cache -t cold3 $ctx3"
$have_buildah && hf buildah_cold 0 "$newblob; $(rmi_b cold3)" "$B $BB --no-cache -t cold3 $ctx3"

echo "== 3-step, cached (same build again)"
hf rdock_cached 2 true "$R $RB -t cached3 $ctx3c"
$have_podman && hf podman_cached 2 true "$P $PB -t cached3 $ctx3c"
# buildah caches steps only with --layers (podman's default).
$have_buildah && hf buildah_cached 2 true "$B $BB --layers -t cached3 $ctx3c"

echo "== 1 stage: FROM busybox + RUN sleep 1 (cold)"
hf rdock_one 0 "$(rmi_r one)" "$R $RB --no-cache -t one $ctx1"
$have_podman && hf podman_one 0 "$(rmi_p one)" "$P $PB --no-cache -t one $ctx1"
$have_buildah && hf buildah_one 0 "$(rmi_b one)" "$B $BB --no-cache -t one $ctx1"

echo "== 6 stages, 5 independent (cold)"
hf rdock_six 0 "$(rmi_r six)" "$R $RB --no-cache -t six $ctx6"
check="not built"
if [ -f "$results/rdock_six.json" ]; then
    got=$($R run --rm --network none six cat /1 /2 /3 /4 /5 2>&1 | tr '\n' ' ' || true)
    [ "$got" = "1 2 3 4 5 " ] && check="yes" || check="no (got: $got)"
fi
# Both build stages one after another by default; --jobs lets them run stages in parallel.
$have_podman && hf podman_six 0 "$(rmi_p six)" "$P $PB --no-cache -t six $ctx6"
$have_podman && hf podman_six_jobs 0 "$(rmi_p six)" "$P $PB --no-cache --jobs 6 -t six $ctx6"
$have_buildah && hf buildah_six 0 "$(rmi_b six)" "$B $BB --no-cache -t six $ctx6"
$have_buildah && hf buildah_six_jobs 0 "$(rmi_b six)" "$B $BB --no-cache --jobs 6 -t six $ctx6"

versions="rdock $($R version --format '{{.Client.Version}}' 2>/dev/null || echo '?')"
$have_podman && versions="$versions, $(podman --version)"
$have_buildah && versions="$versions, $(buildah --version | cut -d' ' -f1-3)"

python3 - "$results" "$runs" "$check" "$versions" > bench/build-results.md <<'PY'
import json, os, sys, datetime
d, runs, check, versions = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
def med(name):
    p = os.path.join(d, name + ".json")
    return json.load(open(p))["results"][0]["median"] * 1000 if os.path.exists(p) else None
def failed(name):
    return os.path.exists(os.path.join(d, name + ".failed"))
def ms(name):
    m = med(name)
    if m is not None: return f"{m:.0f} ms" if m < 1000 else f"{m/1000:.2f} s"
    return "**failed**" if failed(name) else "–"
def ratio(a, b):
    x, y = med(a), med(b)
    return f"{x/y:.2f}" if x is not None and y else "–"
def goal(a, b, limit):
    x, y = med(a), med(b)
    if x is None or not y: return f"≤ {limit}× podman: not measured"
    return f"≤ {limit}× podman: {'met' if x/y <= limit else '**missed**'}"

print(f"# rdock build benchmarks ({datetime.date.today()}, medians of one hyperfine run each, {runs} runs)\n")
print(f"{versions}. Base image: the busybox test image from a registry on 127.0.0.1, already in every")
print("store. RUN steps use the host network in all three tools (`--network host`); rdock's cold build on")
print("its default bridge network is shown too. podman and buildah run in a private mount namespace without the cgroup2 mount.\n")

print("## 3 steps: FROM busybox, COPY a 1 MB file, RUN echo hi > /x\n")
print("| case | rdock | podman build | rdock / podman | buildah bud | rdock / buildah | goal |")
print("|---|---|---|---|---|---|---|")
print(f"| cold: `--no-cache`, new random 1 MB file before each run | {ms('rdock_cold')} | {ms('podman_cold')} | {ratio('rdock_cold','podman_cold')} | {ms('buildah_cold')} | {ratio('rdock_cold','buildah_cold')} | {goal('rdock_cold','podman_cold',0.3)} |")
print(f"| cold, rdock on its default bridge network | {ms('rdock_cold_bridge')} | {ms('podman_cold')} | {ratio('rdock_cold_bridge','podman_cold')} | {ms('buildah_cold')} | {ratio('rdock_cold_bridge','buildah_cold')} | {goal('rdock_cold_bridge','podman_cold',0.3)} |")
print(f"| cached: same build again, nothing changed | {ms('rdock_cached')} | {ms('podman_cached')} | {ratio('rdock_cached','podman_cached')} | {ms('buildah_cached')} | {ratio('rdock_cached','buildah_cached')} | {goal('rdock_cached','podman_cached',0.1)} |")
print()
print("buildah runs cold without `--layers` (its default: only the final image is committed) and cached with")
print("`--layers` (without it buildah caches nothing); podman build uses layers in both, as by default.\n")

print("## 6 stages: five independent `FROM busybox` + `RUN sleep 1 && echo N > /N`, a final stage `COPY --from=` each; cold (`--no-cache`)\n")
print("The longest stage is one `RUN sleep 1`: the 1-stage column is a build of just that stage")
print("(FROM busybox + RUN sleep 1), i.e. the floor a fully parallel build can reach.\n")
print("| tool | 6 stages | 1 stage | 6 stages / 1 stage | rdock 6 stages / this |")
print("|---|---|---|---|---|")
rows = [("rdock build", "rdock_six", "rdock_one"),
        ("podman build (stages in sequence)", "podman_six", "podman_one"),
        ("podman build --jobs 6", "podman_six_jobs", "podman_one"),
        ("buildah bud (stages in sequence)", "buildah_six", "buildah_one"),
        ("buildah bud --jobs 6", "buildah_six_jobs", "buildah_one")]
for label, six, one in rows:
    if med(six) is None and med(one) is None and not failed(six): continue
    print(f"| {label} | {ms(six)} | {ms(one)} | {ratio(six, one)} | {ratio('rdock_six', six) if six != 'rdock_six' else '–'} |")
print()
print(f"rdock's 6-stage image holds /1 … /5: {check}")

fails = sorted(f[:-7] for f in os.listdir(d) if f.endswith(".failed"))
print("\n## Failures\n")
if not fails:
    print("None.")
for f in fails:
    print(f"### {f}\n\n```")
    print(open(os.path.join(d, f + ".failed")).read().rstrip())
    print("```\n")
PY
cat bench/build-results.md
