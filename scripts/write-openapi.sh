#!/usr/bin/env bash
# Regenerates docs/openapi/v1.json from the server (builds first), then lints it. Review the diff and commit it.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Millwright.slnx -c Release -warnaserror 2>&1 | tail -n 3
MILLWRIGHT_WRITE_OPENAPI=1 dotnet test tests/Millwright.Tests -c Release --no-build \
  --filter "FullyQualifiedName~Millwright.Tests.Server.Hosting.OpenApiDocumentTests" 2>&1 | tail -n 3
(cd tools/openapi && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run --silent lint)
git status --short docs/openapi
