#!/usr/bin/env bash
# Starts a throw-away Redis on 127.0.0.1:${MILLWRIGHT_REDIS_PORT:-56379} with its own data folder,
# installing Debian's redis-server first when it is missing. Prints the connection string on stdout.
# Used by test.sh (MILLWRIGHT_TEST_REDIS); safe to run again (reuses a running server).
set -euo pipefail
port=${MILLWRIGHT_REDIS_PORT:-56379}
data=${MILLWRIGHT_REDIS_DATA:-/tmp/millwright-redis-$port}

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis.sh: installing redis-server with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq redis-server >&2
fi

if ! redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1; then
  mkdir -p "$data"
  # No persistence: the counters are only meaningful within their minute.
  redis-server --bind 127.0.0.1 --port "$port" --dir "$data" --save "" --appendonly no \
    --daemonize yes --logfile "$data/redis.log" --pidfile "$data/redis.pid" >&2
  for _ in $(seq 1 50); do
    redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null
fi

echo "127.0.0.1:$port"
