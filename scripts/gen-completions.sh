#!/usr/bin/env bash
# Regenerates completions/ from the CLI definition.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
bin=target/debug/rdock
mkdir -p completions
"$bin" completion bash > completions/rdock.bash
"$bin" completion zsh > completions/_rdock
"$bin" completion fish > completions/rdock.fish
