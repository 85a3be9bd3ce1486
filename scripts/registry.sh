# Sourced by demo.sh and bench/run.sh: a throwaway docker-registry on a free
# loopback port. `start_registry DIR` sets $port and $registry (its pid);
# `stop_registry` ends it.

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
        || echo $((20000 + RANDOM % 20000))
}

start_registry() {
    local dir=$1
    port=$(free_port)
    mkdir -p "$dir"
    cat > "$dir/config.yml" <<CONF
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
http:
  addr: 127.0.0.1:$port
CONF
    docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    registry=$!
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "registry did not start; see $dir/registry.log" >&2
    return 1
}

stop_registry() {
    kill "$registry" 2>/dev/null || true
    wait "$registry" 2>/dev/null || true
}
