#!/usr/bin/env bash
# A local Millwright cluster on loopback, as docs/operations.md describes one:
#   scripts/cluster.sh up [N]   PostgreSQL and Redis (scripts/postgres.sh, scripts/redis.sh: installed with apt when
#                               missing), then N server processes (default 3) on free ports sharing them and one
#                               encryption key. Prints each node's URL.
#   scripts/cluster.sh status   the nodes of the running cluster and whether they answer /readyz
#   scripts/cluster.sh down     stops the nodes by their process ids (SIGTERM, then SIGKILL after the drain timeout);
#                               PostgreSQL and Redis keep running (they are the test servers too).
# State (pids, ports, the key, the nodes' environment, logs, node data folders): $MILLWRIGHT_CLUSTER_STATE, default
# ./data/cluster. `. data/cluster/env` sets what the nodes got (for the CLI: accounts create, keys issue).
# Other settings: MILLWRIGHT_CLUSTER_PORT (first port tried, 5181), MILLWRIGHT_CLUSTER_DATABASE (millwright_cluster),
# MILLWRIGHT_PG_PORT / MILLWRIGHT_PG_DATA (55432, /tmp/millwright-pg-<port>) and MILLWRIGHT_REDIS_PORT /
# MILLWRIGHT_REDIS_DATA (56379, /tmp/millwright-redis-<port>) for the servers it starts or reuses,
# MILLWRIGHT_SERVER_DLL (a built Millwright.Server.dll to run instead of building src/Millwright.Server);
# every Millwright__* variable set in the environment reaches every node.
set -euo pipefail
cd "$(dirname "$0")/.."
state=${MILLWRIGHT_CLUSTER_STATE:-$PWD/data/cluster}
nodes_file=$state/nodes
drain_seconds=30

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [ -f "$nodes_file" ] && while read -r _ pid _; do kill -0 "$pid" 2>/dev/null && return 0; done <"$nodes_file"; return 1; }

up() {
  local count=${1:-3}
  [[ "$count" =~ ^[1-9][0-9]?$ ]] || { echo "cluster.sh: N must be 1 to 99" >&2; exit 2; }
  if running; then echo "cluster.sh: a cluster is already running ($nodes_file); run 'scripts/cluster.sh down' first" >&2; exit 1; fi
  mkdir -p "$state"
  : >"$nodes_file"

  local pg redis
  pg=$(scripts/postgres.sh)
  redis=$(scripts/redis.sh)
  # One key for every node: a credential sealed on one is opened on another. Kept for the next 'up'.
  [ -s "$state/encryption.key" ] || (umask 077 && openssl rand -base64 32 >"$state/encryption.key")

  local dll=${MILLWRIGHT_SERVER_DLL:-}
  if [ -z "$dll" ]; then
    echo "cluster.sh: building Millwright.Server (Release)" >&2
    dotnet build src/Millwright.Server -c Release -v quiet -nologo >&2
    dll=$PWD/src/Millwright.Server/bin/Release/net10.0/Millwright.Server.dll
  fi
  [ -f "$dll" ] || { echo "cluster.sh: $dll does not exist" >&2; exit 1; }

  export MILLWRIGHT_DATABASE="$pg;Database=${MILLWRIGHT_CLUSTER_DATABASE:-millwright_cluster}"
  export MILLWRIGHT_REDIS="$redis"
  MILLWRIGHT_ENCRYPTION_KEY=$(cat "$state/encryption.key")
  export MILLWRIGHT_ENCRYPTION_KEY
  # What every node gets, for the operator's CLI on the same store (none of the values holds a quote).
  (umask 077 && printf "export %s='%s'\n" MILLWRIGHT_DATABASE "$MILLWRIGHT_DATABASE" MILLWRIGHT_REDIS "$MILLWRIGHT_REDIS" \
    MILLWRIGHT_ENCRYPTION_KEY "$MILLWRIGHT_ENCRYPTION_KEY" MILLWRIGHT_SERVER_DLL "$dll" >"$state/env")

  local port=${MILLWRIGHT_CLUSTER_PORT:-5181} i
  for i in $(seq 1 "$count"); do
    while ! port_free "$port"; do port=$((port + 1)); done
    mkdir -p "$state/node$i"
    nohup dotnet "$dll" --urls "http://127.0.0.1:$port" --data "$state/node$i" \
      >"$state/node$i.log" 2>&1 </dev/null &
    echo "$i $! $port" >>"$nodes_file"
    # The first node applies the migrations; the others start once it answers.
    if [ "$i" = 1 ]; then wait_ready "$port" "$!" "$state/node1.log"; fi
    port=$((port + 1))
  done

  while read -r i pid port; do
    [ "$i" = 1 ] || wait_ready "$port" "$pid" "$state/node$i.log"
    echo "node $i  http://127.0.0.1:$port  pid $pid  log $state/node$i.log"
  done <"$nodes_file"
  echo "create an account (any node serves it): (. $state/env && dotnet \"\$MILLWRIGHT_SERVER_DLL\" accounts create --name Acme --data $state/cli)" >&2
}

wait_ready() {
  local port=$1 pid=$2 log=$3
  for _ in $(seq 1 600); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "cluster.sh: the node on port $port exited; its log ($log) ends with:" >&2
      tail -n 20 "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "cluster.sh: the node on port $port did not become ready in 2 minutes (log: $log)" >&2
  exit 1
}

status() {
  [ -f "$nodes_file" ] || { echo "no cluster ($nodes_file is missing)"; return 0; }
  while read -r i pid port; do
    local alive=stopped ready=""
    if kill -0 "$pid" 2>/dev/null; then
      alive=running
      ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" || true)
    fi
    echo "node $i  http://127.0.0.1:$port  pid $pid  $alive${ready:+  /readyz $ready}"
  done <"$nodes_file"
}

down() {
  [ -f "$nodes_file" ] || { echo "no cluster ($nodes_file is missing)"; return 0; }
  local pids=() i pid port
  while read -r i pid port; do
    # Only a process that is still a Millwright server on that port: a reused pid is left alone.
    if kill -0 "$pid" 2>/dev/null && grep -q "Millwright.Server.dll" "/proc/$pid/cmdline" 2>/dev/null; then
      kill -TERM "$pid" && pids+=("$pid")
    fi
  done <"$nodes_file"
  # SIGTERM drains: in-flight requests finish, sync leases are given up, the runs resume on another node.
  for _ in $(seq 1 $((drain_seconds * 5))); do
    local left=()
    for pid in ${pids[@]+"${pids[@]}"}; do kill -0 "$pid" 2>/dev/null && left+=("$pid"); done
    pids=(${left[@]+"${left[@]}"})
    [ ${#pids[@]} = 0 ] && break
    sleep 0.2
  done
  for pid in ${pids[@]+"${pids[@]}"}; do
    echo "cluster.sh: pid $pid did not stop within ${drain_seconds}s; killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$nodes_file"
  echo "cluster stopped (PostgreSQL and Redis keep running)"
}

case "${1:-}" in
  up) up "${2:-3}" ;;
  down) down ;;
  status) status ;;
  *) echo "usage: scripts/cluster.sh up [N] | status | down" >&2; exit 2 ;;
esac
