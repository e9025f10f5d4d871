#!/usr/bin/env bash
# Adds a migration for both store providers: scripts/add-migration.sh <Name>
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh <MigrationName>}
# A snapshot left in the namespace-named folder by an earlier run would make the new migration empty.
rm -rf src/Millwright.Server/Millwright
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project src/Millwright.Server --context "${provider}MillwrightDb" \
    --output-dir "Persistence/Migrations/$provider" --namespace "Millwright.Server.Persistence.Migrations.$provider"
done
# EF writes the model snapshot into a folder named after its namespace; keep it beside the migrations.
for provider in Sqlite Postgres; do
  stray=src/Millwright.Server/Millwright/Server/Persistence/Migrations/$provider/${provider}MillwrightDbModelSnapshot.cs
  [ -f "$stray" ] && mv "$stray" "src/Millwright.Server/Persistence/Migrations/$provider/"
done
rm -rf src/Millwright.Server/Millwright
