#!/usr/bin/env bash
# The test suite: unit and integration tests as root, then the same integration
# suite again as an unprivileged user (rootless rdock) when that user exists
# (RDOCK_TEST_USER, default rdtest; .ci/run creates it with subuid/subgid ranges).
set -euo pipefail
cd "$(dirname "$0")/.."
# Packages, users and devices the suite needs (root on Debian; skipped elsewhere).
# .ci/run has run it already; RDOCK_SKIP_SETUP=1 skips it here.
if [ -z "${RDOCK_SKIP_SETUP:-}" ]; then
    bash scripts/setup.sh
fi
cargo test --locked "$@"

user=${RDOCK_TEST_USER:-rdtest}
if [ "$(id -u)" != 0 ] || ! id "$user" >/dev/null 2>&1; then
    echo "(rootless pass skipped: run as root with user $user present)"
    exit 0
fi
exe=$(cargo test --locked --no-run --test integration 2>&1 | sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -1)
# A copy the user can read, wherever this checkout lives.
dir=$(mktemp -d /tmp/rdock-rootless-tests.XXXXXX)
trap 'rm -rf "$dir"' EXIT
install -m 0755 target/debug/rdock target/debug/examples/testimg "$exe" "$dir"/
cp -r completions "$dir"/
chmod -R a+rX "$dir"
home=$(getent passwd "$user" | cut -d: -f6)
echo "== rootless pass, as $user"
cd "$dir"
runuser -u "$user" -- env -i PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME="$home" \
    RDOCK_TEST_BIN="$dir/rdock" RDOCK_TEST_TESTIMG="$dir/testimg" RDOCK_TEST_COMPLETIONS="$dir/completions" \
    "$dir/$(basename "$exe")"
