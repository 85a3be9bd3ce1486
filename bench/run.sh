#!/usr/bin/env bash
# rdock's benchmarks, side by side with runc, crun and podman where installed.
# Run as root: bash bench/run.sh [RUNS]. Writes bench/results.md (medians and
# ratios from this one run) and prints it.
#
# podman and crun refuse this host's cgroup-v1 hybrid layout; they run in a
# private mount namespace with the cgroup2 mount (hugetlb only) unmounted, which
# is how they work here at all.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
command -v hyperfine >/dev/null || { echo "bench: apt install hyperfine" >&2; exit 1; }

cargo build -q --profile bench-release --bin rdock --example testimg
bin=$PWD/target/bench-release/rdock
testimg=$PWD/target/bench-release/examples/testimg

work=$(mktemp -d /tmp/rdock-bench.XXXXXX)
root=$work/root
R="$bin --root $root"
. scripts/registry.sh
cleanup() {
    $R ps -aq --no-trunc 2>/dev/null | xargs -r $R rm -f >/dev/null 2>&1 || true
    if command -v podman >/dev/null; then
        unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; podman rm -af' >/dev/null 2>&1 || true
    fi
    stop_registry
    grep -o "$work[^ ]*merged" /proc/self/mountinfo | xargs -r -n1 umount -l 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
start_registry "$work/registry"
"$testimg" "127.0.0.1:$port" busybox >/dev/null
img="127.0.0.1:$port/busybox"
$R pull -q "$img" >/dev/null

# A runc/crun bundle of the same root filesystem.
layer=$(ls "$root/layers" | grep -v '^\.' | head -1)
bundle=$work/bundle
mkdir -p "$bundle"
cp -a "$root/layers/$layer/diff" "$bundle/rootfs"
(cd "$bundle" && runc spec)
python3 - "$bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p))
c["process"]["terminal"] = False
c["process"]["args"] = ["true"]
c["root"]["readonly"] = False
json.dump(c, open(p, "w"))
PY

have_podman=false
if command -v podman >/dev/null; then
    P="unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec podman --log-level=error \"\$@\"' podman"
    # Podman asks for rlimits above what this host's root may grant (no CAP_SYS_RESOURCE).
    PR="--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"
    if eval "$P pull -q --tls-verify=false $img" >/dev/null 2>&1; then have_podman=true; fi
fi
have_crun=false
if command -v crun >/dev/null && unshare -m sh -c "umount /sys/fs/cgroup/unified 2>/dev/null; cd $bundle && crun run c-probe" >/dev/null 2>&1; then
    have_crun=true
fi

results=$work/results
mkdir -p "$results"
hf() { # name command...
    local name=$1; shift
    # One plain run first, so a broken setup shows its error.
    sh -c "$1" >/dev/null || { echo "bench: '$1' failed, skipped" >&2; return 0; }
    hyperfine -N --warmup 3 --runs "$runs" --export-json "$results/$name.json" "$@" >/dev/null 2>&1 \
        || hyperfine --warmup 3 --runs "$runs" --export-json "$results/$name.json" "$@" >/dev/null
}

echo "== run --rm --network none IMG true"
hf rdock_run "$R run --rm --network none $img true"
hf runc_run "sh -c 'cd $bundle && exec runc run -d=false r-\$\$'"
$have_crun && hf crun_run "unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; cd $bundle && exec crun run c-\$\$'"
$have_podman && hf podman_run "$P run --rm $PR --network none $img true"
hf rdock_run_default "$R run --rm $img true"

echo "== rootless run --rm --network none IMG true"
user=${RDOCK_BENCH_USER:-rdtest}
if id "$user" >/dev/null 2>&1; then
    chmod 755 "$work"
    mkdir -p "$work/rootless-root" "$work/rootless-results"
    chown "$user" "$work/rootless-root" "$work/rootless-results"
    rbin=$work/rdock-rootless
    install -m 0755 "$bin" "$rbin"
    uhome=$(getent passwd "$user" | cut -d: -f6)
    as_user() { runuser -u "$user" -- env -i PATH=/usr/local/bin:/usr/bin:/bin HOME="$uhome" "$@"; }
    as_user "$rbin" --root "$work/rootless-root" pull -q "$img" >/dev/null
    cmds=("$rbin --root $work/rootless-root run --rm --network none $img true")
    # Rootless podman works here only with runc (crun refuses the hybrid layout).
    if command -v podman >/dev/null && as_user podman --log-level=error pull -q --tls-verify=false "$img" >/dev/null 2>&1; then
        cmds+=("podman --log-level=error --runtime runc run --rm --network none $img true")
    fi
    as_user hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/rootless-results/rootless.json" "${cmds[@]}" >/dev/null 2>&1 || true
    cp "$work/rootless-results/rootless.json" "$results/" 2>/dev/null || true
    as_user "$rbin" --root "$work/rootless-root" system reset -f >/dev/null 2>&1 || true
    as_user podman rm -af >/dev/null 2>&1 || true
fi

echo "== create"
hf rdock_create "$R create $img true"
$have_podman && hf podman_create "$P create $PR $img true"
$R ps -aq --no-trunc | xargs -r $R rm -f >/dev/null
$have_podman && eval "$P rm -af" >/dev/null 2>&1

echo "== exec"
$R run -d --name bench-exec "$img" sleep 100000 >/dev/null
hf rdock_exec "$R exec bench-exec true"
if $have_podman; then
    eval "$P run -d $PR --name bench-exec $img sleep 100000" >/dev/null
    hf podman_exec "$P exec bench-exec true"
fi
runc_ctr=bench-exec-runc
python3 - "$bundle/config.json" <<'PY'
import json, sys
p = sys.argv[1]; c = json.load(open(p)); c["process"]["args"] = ["sleep", "100000"]; json.dump(c, open(p, "w"))
PY
(cd "$bundle" && runc run -d "$runc_ctr" >/dev/null 2>&1 </dev/null)
hf runc_exec "runc exec $runc_ctr true"
runc kill "$runc_ctr" KILL; sleep 0.2; runc delete -f "$runc_ctr" >/dev/null 2>&1 || true

echo "== ps -a with 100 containers"
for i in $(seq 100); do $R create "$img" true >/dev/null; done
hf rdock_ps "$R ps -a"
if $have_podman; then
    for i in $(seq 100); do eval "$P create $PR $img true" >/dev/null; done
    hf podman_ps "$P ps -a"
fi

echo "== supervisor memory"
sup_of() { ps -o rss= -p "$(pgrep -f "__supervise $($R inspect -f '{{.Id}}' "$1")")" | tr -d ' '; }
sup_rss=$(sup_of bench-exec)
# With a restart policy and a healthcheck probing every second, after ten probes.
$R run -d --name bench-policies --restart always --health-cmd true --health-interval 1s "$img" sleep 100000 >/dev/null
sleep 11
policies_rss=$(sup_of bench-policies)
policies_health=$($R inspect -f '{{.State.Health.Status}} {{len .State.Health.Log}}' bench-policies)
conmon_rss=""
if $have_podman; then
    cpid=$(pgrep -f 'conmon.*bench-exec' | head -1 || true)
    [ -n "$cpid" ] && conmon_rss=$(ps -o rss= -p "$cpid" | tr -d ' ')
fi

python3 - "$results" "$sup_rss" "$conmon_rss" "$policies_rss" "$policies_health" > bench/results.md <<'PY'
import json, os, sys, datetime
d, sup, conmon, policies, health = sys.argv[1:6]
def med(name, index=0):
    p = os.path.join(d, name + ".json")
    if not os.path.exists(p): return None
    r = json.load(open(p))["results"]
    return r[index]["median"] * 1000 if index < len(r) else None
rootless = med("rootless", 0)
rootless_podman = med("rootless", 1)
rows = [
    ("run --rm --network none IMG true", "rdock_run", [("runc run (prepared bundle, no seccomp)", "runc_run"), ("crun run (prepared bundle)", "crun_run"), ("podman run --rm --network none", "podman_run")]),
    ("run --rm IMG true (default network)", "rdock_run_default", [("podman run --rm --network none", "podman_run")]),
    ("create IMG true", "rdock_create", [("podman create", "podman_create")]),
    ("exec CTR true", "rdock_exec", [("runc exec", "runc_exec"), ("podman exec", "podman_exec")]),
    ("ps -a (100 containers)", "rdock_ps", [("podman ps -a", "podman_ps")]),
]
print(f"# rdock benchmarks ({datetime.date.today()}, medians of one hyperfine run each)\n")
print("| operation | rdock | compared with | other | rdock / other |")
print("|---|---|---|---|---|")
for label, ours, others in rows:
    m = med(ours)
    if m is None: continue
    shown = False
    for olabel, oname in others:
        o = med(oname)
        if o is None: continue
        print(f"| {label} | {m:.1f} ms | {olabel} | {o:.1f} ms | {m/o:.2f} |")
        shown = True
    if not shown:
        print(f"| {label} | {m:.1f} ms | – | – | – |")
if rootless is not None:
    root_run = med("rdock_run")
    if root_run: print(f"| rootless run --rm --network none IMG true | {rootless:.1f} ms | rdock as root | {root_run:.1f} ms | {rootless/root_run:.2f} |")
    if rootless_podman: print(f"| rootless run --rm --network none IMG true | {rootless:.1f} ms | rootless podman (runc) | {rootless_podman:.1f} ms | {rootless/rootless_podman:.2f} |")
print()
print(f"Supervisor RSS: {sup} kB" + (f"; podman's conmon: {conmon} kB" if conmon else ""))
print(f"\nSupervisor RSS with --restart always and a healthcheck every second (after ten probes, health {health}): {policies} kB"
      + (f"; / conmon: {int(policies)/int(conmon):.2f}" if conmon else ""))
PY
cat bench/results.md
