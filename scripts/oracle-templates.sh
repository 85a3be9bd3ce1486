#!/usr/bin/env bash
# Renders every case of tests/integration/templates.rs with the real Docker
# CLI (through ../shared/tools/docker-oracle, or $ORACLE) and with rdock, on a
# store holding the test's objects, and prints where they differ. The expected
# texts in the test came from this; rerun it after changing templates.
# Needs: root or rootless rdock built (target/debug), docker CLI, docker-registry.
set -euo pipefail
cd "$(dirname "$0")/.."
oracle=${ORACLE:-../shared/tools/docker-oracle/docker-oracle.py}
work=$(mktemp -d /tmp/rdock-oracle.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
export RDOCK_ROOT=$work/root RDOCK_RUNROOT=$work/run PATH=$PWD/target/debug:$PATH
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/reg"
printf 'version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' \
    "$work/reg/data" "$port" > "$work/reg/config.yml"
docker-registry serve "$work/reg/config.yml" > "$work/reg/log" 2>&1 & pids+=($!)
sleep 1
target/debug/examples/testimg "127.0.0.1:$port" busybox > /dev/null
img=127.0.0.1:$port/busybox
rdock pull -q "$img" > /dev/null
rdock create --name web -l a=1 -l b=2 -e X=1 "$img" sleep 100 > /dev/null
rdock volume create --label z=1 vol1 > /dev/null
rdock network create net1 > /dev/null
"$oracle" build "$work/fix" > /dev/null
"$oracle" serve "$work/fix" "$work/d.sock" > "$work/serve.log" 2>&1 & pids+=($!)
sleep 1
WORK=$work python3 - <<'PY'
import json, os, re, subprocess
src = open("tests/integration/templates.rs").read()
cases = re.findall(r'^    \((".*)\),$', src, re.M)
env = dict(os.environ, DOCKER_HOST="unix://" + os.environ["WORK"] + "/d.sock")
bad = 0
for c in cases:
    cmd, obj, tpl, *_ = json.loads("[" + c + "]")
    args = cmd.split() + (["-f"] if "inspect" in cmd else ["--format"]) + [tpl] + ([obj] if obj else [])
    d = subprocess.run(["docker"] + args, env=env, capture_output=True, text=True)
    r = subprocess.run(["rdock"] + args, capture_output=True, text=True)
    if (d.stdout, d.stderr, d.returncode) != (r.stdout, r.stderr, r.returncode):
        bad += 1
        print(f"### {cmd} {tpl!r}\n  docker: {d.stdout!r} {d.stderr!r} {d.returncode}\n  rdock:  {r.stdout!r} {r.stderr!r} {r.returncode}")
print(f"{bad} of {len(cases)} differ")
PY
rdock rm -f web > /dev/null
