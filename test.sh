#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls exactly this):
#   1. every test on the embedded default (SQLite),
#   2. the storage and API tests (Millwright.Tests.Server.*) again on PostgreSQL, which
#      scripts/postgres.sh installs (apt) when missing and starts on loopback.
# Both runs get a real redis-server from scripts/redis.sh (MILLWRIGHT_TEST_REDIS) for the shared rate limits.
# Prints "N passed, N failed" at the end.
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The browser tests drive Debian's chromium through Playwright (never a downloaded browser).
if [ ! -x /usr/bin/chromium ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
    || echo "chromium could not be installed: the browser tests will fail" >&2
fi

log=$(mktemp)
status=0
dotnet build Millwright.slnx -c Release -warnaserror 2>&1 | tail -n 3 || exit 1

# The tree must already be as dotnet format leaves it (STYLE.md); checked before any test runs.
echo "== dotnet format --verify-no-changes"
dotnet format Millwright.slnx --verify-no-changes --no-restore 2>&1 | tail -n 30
if [ "${PIPESTATUS[0]}" != 0 ]; then
  echo "dotnet format would change the files above: run 'dotnet format Millwright.slnx' and commit the result" >&2
  exit 1
fi

# The committed OpenAPI document lints clean (Spectral spectral:oas, Redocly recommended; tools/openapi pins
# both). npm ci also installs what the generated-client test needs. OpenApiDocumentTests checks that the
# committed document is the served one.
echo "== OpenAPI lint"
if ! command -v npm >/dev/null; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm) >/dev/null 2>&1 || true
fi
if ! command -v npm >/dev/null; then
  echo "npm is missing: the OpenAPI lint and the generated-client test need Node.js 20 or later" >&2
  exit 1
fi
(cd tools/openapi && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent lint) 2>&1 | grep -vE '║|╔|╚|^\s*$' | tail -n 30
if [ "${PIPESTATUS[0]}" != 0 ]; then
  echo "docs/openapi/v1.json does not lint clean (tools/openapi: npm run lint)" >&2
  exit 1
fi

if redis=$(scripts/redis.sh); then
  export MILLWRIGHT_TEST_REDIS="$redis"
else
  echo "Redis could not be started: the Redis tests cannot run" >&2
  status=1
fi

run() {
  local name=$1; shift
  echo "== $name"
  local out
  out=$(mktemp)
  dotnet test tests/Millwright.Tests -c Release --no-build --blame-hang-timeout 5m "$@" 2>&1 | tee "$out" | grep -vE '^\s*$' | tail -n 30
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
  # The names of the failed tests, whatever the length of their output above.
  grep -E '^\s+Failed [A-Za-z_]' "$out" | sort -u | sed 's/^ */FAILED: /'
  cat "$out" >> "$log"
  rm -f "$out"
}

# PostgreSQL starts before any test: the tests' own outgoing connections take ephemeral local ports, and one of
# them holding PostgreSQL's port would keep it from listening.
pg_ok=0
pg=$(scripts/postgres.sh) && pg_ok=1

run "all tests on SQLite"

if [ "$pg_ok" = 1 ]; then
  # Each test host creates its own database; drop those of earlier runs.
  for db in $(psql "postgresql://postgres@127.0.0.1:${MILLWRIGHT_PG_PORT:-55432}/postgres" -Atc "select datname from pg_database where datname like 'mw\_%'" 2>/dev/null); do
    psql "postgresql://postgres@127.0.0.1:${MILLWRIGHT_PG_PORT:-55432}/postgres" -qc "drop database if exists \"$db\" with (force)" >/dev/null 2>&1 || true
  done
  MILLWRIGHT_TEST_POSTGRES="$pg" run "storage and API tests on PostgreSQL" --filter "FullyQualifiedName~Millwright.Tests.Server"
else
  echo "PostgreSQL could not be started: the PostgreSQL run failed" >&2
  status=1
fi

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "$passed passed, $failed failed"
[ "$passed" -gt 0 ] || status=1
exit $status
