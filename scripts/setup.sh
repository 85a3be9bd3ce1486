#!/usr/bin/env bash
# Installs what the test suite needs on a Debian machine (as root): packages,
# the rootless test users with subordinate id ranges, /dev/net/tun access.
# scripts/test.sh runs it; so does .ci/run before its own checks.
set -euo pipefail
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "(setup skipped: run as root on Debian to install the test dependencies)"
    exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# busybox-static: test images; docker-registry: the local registry;
# libseccomp-dev + pkg-config: libcontainer's seccomp; procps: `rdock top`;
# uidmap: newuidmap/newgidmap for rootless; fuse-overlayfs: a storage driver;
# openssl + apache2-utils (htpasswd): the TLS registry with basic auth; gzip;
# nftables: NAT and published ports; passt (pasta) + slirp4netns: rootless networking.
apt-get install -y -q busybox-static docker-registry libseccomp-dev pkg-config gcc procps uidmap fuse-overlayfs \
    openssl apache2-utils gzip xz-utils bzip2 tar nftables passt slirp4netns

# Rootless networking opens a tap device: most distributions leave /dev/net/tun
# at 0666; make sure this machine does too.
if [ ! -e /dev/net/tun ]; then
    mkdir -p /dev/net
    mknod -m 0666 /dev/net/tun c 10 200
fi
chmod 0666 /dev/net/tun

# The unprivileged user the rootless pass runs as, with subordinate id ranges.
user=rdtest
id "$user" >/dev/null 2>&1 || useradd -m -s /bin/bash "$user"
for f in /etc/subuid /etc/subgid; do
    touch "$f"
    if ! grep -q "^$user:" "$f"; then
        start=$(awk -F: 'BEGIN { m = 100000 } { if ($2 + $3 > m) m = $2 + $3 } END { print m }' "$f")
        echo "$user:$start:65536" >> "$f"
    fi
done
# ...and one without them, for the single-id fallback.
id rdtest-nosub >/dev/null 2>&1 || useradd -m -s /bin/bash rdtest-nosub
sed -i '/^rdtest-nosub:/d' /etc/subuid /etc/subgid

