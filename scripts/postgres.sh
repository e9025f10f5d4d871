#!/usr/bin/env bash
# Starts a throw-away PostgreSQL on 127.0.0.1:${MILLWRIGHT_PG_PORT:-55432} with its own data folder,
# installing Debian's postgresql first when it is missing. Prints the connection string on stdout.
# Used by test.sh; safe to run again (reuses a running server).
set -euo pipefail
port=${MILLWRIGHT_PG_PORT:-55432}
pgdata=${MILLWRIGHT_PG_DATA:-/tmp/millwright-pg-$port}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres.sh: installing postgresql with apt" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
fi

as_pg() {
  # PostgreSQL refuses to run as root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_pg "$bindir/pg_isready" -h 127.0.0.1 -p "$port" -q 2>/dev/null; then
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    mkdir -p "$pgdata"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdata"
    as_pg "$bindir/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  as_pg "$bindir/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
fi

echo "Host=127.0.0.1;Port=$port;Username=postgres;Password=postgres;Pooling=true;Maximum Pool Size=20"
