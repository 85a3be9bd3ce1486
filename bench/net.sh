#!/usr/bin/env bash
# Networking benchmarks, as root: `run --rm IMG true` on the default bridge
# network (rdock vs podman), and rootless port-forward throughput: rdock's
# pasta forward (default network) and its own forwarder (user-defined network,
# in the shared rootless namespace) vs a slirp4netns host forward, all into a
# busybox `nc -l`.
# bash bench/net.sh [RUNS] [USER]; writes bench/net-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
user=${2:-rdtest}
mb=256
command -v hyperfine >/dev/null || { echo "bench: apt install hyperfine" >&2; exit 1; }
cargo build -q --profile bench-release --bin rdock --example testimg
work=$(mktemp -d /tmp/rdock-netbench.XXXXXX)
chmod 755 "$work"
install -m 0755 target/bench-release/rdock "$work/rdock"
R="$work/rdock --root $work/root"
. scripts/registry.sh
cleanup() {
    $R ps -aq --no-trunc 2>/dev/null | xargs -r $R rm -f >/dev/null 2>&1 || true
    runuser -u "$user" -- env -i PATH=/usr/bin:/bin HOME=/tmp XDG_DATA_HOME="$work/u" XDG_RUNTIME_DIR="$work/ur" \
        sh -c "$work/rdock rm -f fwd >/dev/null 2>&1" || true
    pkill -f "$work" 2>/dev/null || true
    stop_registry
    rm -rf "$work" 2>/dev/null || runuser -u "$user" -- rm -rf "$work/u" "$work/ur"; rm -rf "$work"
}
trap cleanup EXIT
start_registry "$work/registry"
target/bench-release/examples/testimg "127.0.0.1:$port" busybox >/dev/null
img="127.0.0.1:$port/busybox"
$R pull -q "$img" >/dev/null
out=bench/net-results.md
{
    echo "# Network benchmarks ($(date -u +%F), $runs runs, medians)"
    echo
} > "$out"

hyperfine -N -w 3 -r "$runs" --export-json "$work/run.json" "$R run --rm $img true" >/dev/null
rd=$(python3 -c "import json;print(json.load(open('$work/run.json'))['results'][0]['median']*1000)")
line="- run --rm (default bridge): rdock $(printf %.1f "$rd") ms"
if command -v podman >/dev/null; then
    P="unshare -m sh -c 'umount /sys/fs/cgroup/unified 2>/dev/null; exec podman --log-level=error \"\$@\"' podman"
    PR="--ulimit nofile=1024:1024 --ulimit nproc=1024:1024"
    if eval "$P pull -q --tls-verify=false $img" >/dev/null 2>&1; then
        hyperfine -w 2 -r "$runs" --export-json "$work/prun.json" "$P run --rm $PR $img true" >/dev/null
        pd=$(python3 -c "import json;print(json.load(open('$work/prun.json'))['results'][0]['median']*1000)")
        line="$line; podman $(printf %.1f "$pd") ms; rdock/podman = $(python3 -c "print(f'{$rd/$pd:.2f}')")"
    fi
fi
echo "$line" >> "$out"

# Rootless throughput: send $mb MB to a listener through each forward.
send() { python3 - "$1" "$mb" <<'PY'
import socket, sys, time
port, mb = int(sys.argv[1]), int(sys.argv[2])
buf = b"\0" * (1 << 20)
for _ in range(100):
    try:
        s = socket.create_connection(("127.0.0.1", port)); break
    except OSError:
        time.sleep(0.05)
t = time.time()
for _ in range(mb):
    s.sendall(buf)
s.shutdown(socket.SHUT_WR); s.recv(1); s.close()
print(f"{mb / (time.time() - t):.0f}")
PY
}
U="runuser -u $user -- env -i PATH=/usr/sbin:/usr/bin:/bin HOME=/tmp XDG_DATA_HOME=$work/u XDG_RUNTIME_DIR=$work/ur"
mkdir -p "$work/ur" "$work/u" && chown "$user" "$work/ur" "$work/u" && chmod 700 "$work/ur"
p1=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
$U $work/rdock pull -q "$img" >/dev/null
$U $work/rdock run -d --name fwd -p "127.0.0.1:$p1:5001" "$img" sh -c 'while true; do nc -l -p 5001 >/dev/null; done' >/dev/null
pasta_mbs=$(send "$p1")
$U $work/rdock rm -f fwd >/dev/null
p3=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
$U $work/rdock network create benchnet >/dev/null
$U $work/rdock run -d --name fwd2 --network benchnet -p "127.0.0.1:$p3:5001" "$img" sh -c 'while true; do nc -l -p 5001 >/dev/null; done' >/dev/null
userfwd_mbs=$(send "$p3")
$U $work/rdock rm -f fwd2 >/dev/null
$U $work/rdock network rm benchnet >/dev/null

p2=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
$U sh -c "unshare -rn sh -c 'busybox ip link set lo up; while true; do busybox nc -l -p 5001 >/dev/null; done' & echo \$! > $work/ur/ns.pid; sleep 0.3
  slirp4netns --configure --mtu=65520 --api-socket $work/ur/api.sock \$(cat $work/ur/ns.pid) tap0 >/dev/null 2>&1 & sleep 0.5
  printf '{\"execute\":\"add_hostfwd\",\"arguments\":{\"proto\":\"tcp\",\"host_addr\":\"127.0.0.1\",\"host_port\":$p2,\"guest_port\":5001}}' | busybox nc -U $work/ur/api.sock >/dev/null 2>&1 || python3 -c \"import socket;s=socket.socket(socket.AF_UNIX);s.connect('$work/ur/api.sock');s.sendall(b'{\\\"execute\\\":\\\"add_hostfwd\\\",\\\"arguments\\\":{\\\"proto\\\":\\\"tcp\\\",\\\"host_addr\\\":\\\"127.0.0.1\\\",\\\"host_port\\\":$p2,\\\"guest_port\\\":5001}}');print(s.recv(200))\" >/dev/null"
slirp_mbs=$(send "$p2")
pkill -u "$user" slirp4netns || true
pkill -u "$user" -f "nc -l -p 5001" || true
echo "- rootless port forward, $mb MB into busybox nc: rdock (pasta) $pasta_mbs MB/s; slirp4netns $slirp_mbs MB/s; rdock/slirp4netns = $(python3 -c "print(f'{$pasta_mbs/$slirp_mbs:.1f}')")" >> "$out"
echo "- rootless port forward on a user-defined network (rdock-ports into the shared namespace): $userfwd_mbs MB/s; vs slirp4netns = $(python3 -c "print(f'{$userfwd_mbs/$slirp_mbs:.1f}')")" >> "$out"
cat "$out"
