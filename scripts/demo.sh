#!/usr/bin/env bash
# rdock's main job on a fresh Debian machine, offline: install what it needs,
# build and install rdock, make a busybox image from Debian's busybox-static,
# serve it from a local registry on 127.0.0.1, then pull and run it.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
    echo "demo.sh: run as root (sudo $0)" >&2
    exit 1
fi

packages=(busybox-static docker-registry libseccomp-dev pkg-config gcc procps nftables)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

echo "==> building rdock"
cargo build --release --locked --bin rdock --example testimg
install -m 0755 target/release/rdock /usr/local/bin/rdock

# A throwaway registry on a free loopback port.
. scripts/registry.sh
work=$(mktemp -d)
cleanup() {
    set +x
    rdock rm -f rdock-demo-web >/dev/null 2>&1 || true
    stop_registry
    rm -rf "$work"
}
trap cleanup EXIT
start_registry "$work/registry"

image="127.0.0.1:$port/busybox"
echo "==> pushing a busybox image (from /bin/busybox) to $image"
target/release/examples/testimg "127.0.0.1:$port" busybox >/dev/null

set -x
rdock pull "$image"
rdock run --rm "$image" echo "hello from rdock"
rdock run -d --name rdock-demo-web "$image" httpd -f -v -p 8080 -h /etc
rdock ps
rdock exec rdock-demo-web wget -qO- http://127.0.0.1:8080/hostname
rdock logs rdock-demo-web
rdock stop -t 1 rdock-demo-web
rdock rm rdock-demo-web
rdock images
