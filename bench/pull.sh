#!/usr/bin/env bash
# Pull throughput: a Debian minbase image (debootstrap, made once and cached;
# docs, man pages and locales dropped, ~60 MB compressed) from a registry on
# 127.0.0.1, into an empty store each run: rdock pull vs podman pull (which
# also unpacks) and skopeo copy to an OCI dir (download and verify only).
# Run as root: bash bench/pull.sh [RUNS]. Writes bench/pull-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v hyperfine >/dev/null || { echo "bench: apt install hyperfine" >&2; exit 1; }
cache=${RDOCK_BENCH_CACHE:-/var/cache/rdock-bench}

if [ ! -f "$cache/minbase.tar" ]; then
    command -v debootstrap >/dev/null || { echo "bench: apt install debootstrap" >&2; exit 1; }
    . /etc/os-release
    # The machine's own Debian mirror (deb822 URIs: or one-line deb entries).
    mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
        | awk '/^URIs:/ {print $2} /^deb / {print $2}' | grep -m1 '/debian$' || true)
    mkdir -p "$cache"
    rm -rf "$cache/rootfs"
    debootstrap --variant=minbase "$VERSION_CODENAME" "$cache/rootfs" "${mirror:-http://deb.debian.org/debian}" >/dev/null
    rm -rf "$cache"/rootfs/usr/share/{doc,man,info,locale} "$cache"/rootfs/var/cache/apt/*.bin
    tar -C "$cache/rootfs" -cf "$cache/minbase.tar.tmp" . && mv "$cache/minbase.tar.tmp" "$cache/minbase.tar"
    rm -rf "$cache/rootfs"
fi

cargo build -q --profile bench-release --bin rdock
bin=$PWD/target/bench-release/rdock
work=$(mktemp -d /tmp/rdock-pullbench.XXXXXX)
. scripts/registry.sh
P="unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec podman --log-level=error \"\$@\"' podman"
cleanup() {
    stop_registry
    rm -rf "$work"
}
trap cleanup EXIT
start_registry "$work/registry"
img=127.0.0.1:$port/minbase
$bin --root "$work/src" import -q "$cache/minbase.tar" "$img" >/dev/null 2>&1 || $bin --root "$work/src" import "$cache/minbase.tar" "$img" >/dev/null
$bin --root "$work/src" push -q "$img" >/dev/null
# Bytes on the wire: the compressed layer plus the config.
bytes=$($bin --root "$work/src" image inspect -f '{{.Size}}' "$img")
wire=$(curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://$img/manifests/latest" 2>/dev/null \
    | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["config"]["size"]+sum(l["size"] for l in m["layers"]))' 2>/dev/null \
    || true)
if [ -z "$wire" ]; then
    wire=$(curl -s -H 'Accept: application/vnd.oci.image.manifest.v1+json' "http://127.0.0.1:$port/v2/minbase/manifests/latest" \
        | python3 -c 'import json,sys; m=json.load(sys.stdin); print(m["config"]["size"]+sum(l["size"] for l in m["layers"]))')
fi

results=$work/results
mkdir -p "$results"
hyperfine -N --runs "$runs" --prepare "rm -rf $work/pull" --export-json "$results/rdock.json" \
    "$bin --root $work/pull pull -q $img" >/dev/null
if command -v skopeo >/dev/null; then
    hyperfine -N --runs "$runs" --prepare "rm -rf $work/skopeo" --export-json "$results/skopeo.json" \
        "skopeo copy -q --src-tls-verify=false docker://$img oci:$work/skopeo:x" >/dev/null
fi
if command -v podman >/dev/null && eval "$P pull -q --tls-verify=false $img" >/dev/null 2>&1; then
    hyperfine --runs "$runs" --prepare "$P rmi -af >/dev/null 2>&1 || true" --export-json "$results/podman.json" \
        "$P pull -q --tls-verify=false $img" >/dev/null
    eval "$P rmi -af" >/dev/null 2>&1 || true
fi

python3 - "$results" "$wire" "$bytes" > bench/pull-results.md <<'PY'
import json, os, sys, datetime
d, wire, unpacked = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
def med(name):
    p = os.path.join(d, name + ".json")
    return json.load(open(p))["results"][0]["median"] if os.path.exists(p) else None
ours = med("rdock")
print(f"# Pull throughput ({datetime.date.today()}, medians of one hyperfine run each)\n")
print(f"Image: Debian minbase, {wire/1e6:.1f} MB compressed, {unpacked/1e6:.1f} MB unpacked; registry on 127.0.0.1; empty store each run.\n")
print("| tool | time | MB/s (compressed) | rdock speed / tool speed |")
print("|---|---|---|---|")
for label, name in [("rdock pull", "rdock"), ("podman pull (unpacks)", "podman"), ("skopeo copy to oci: (no unpack)", "skopeo")]:
    t = med(name)
    if t is None: continue
    print(f"| {label} | {t*1000:.0f} ms | {wire/1e6/t:.1f} | {t/ours:.2f} |")
PY
cat bench/pull-results.md
