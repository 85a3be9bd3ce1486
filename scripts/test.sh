#!/usr/bin/env bash
# The test suite: unit tests, then the integration suite (as root; it starts its
# own registry on 127.0.0.1 and builds its images offline).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked "$@"
