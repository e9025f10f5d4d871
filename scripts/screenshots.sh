#!/usr/bin/env bash
# Refreshes docs/screenshots/ from the browser tests (headless Chromium through Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/Millwright.Tests -c Release >/dev/null
MILLWRIGHT_SCREENSHOTS="$PWD/docs/screenshots" dotnet test tests/Millwright.Tests -c Release --no-build \
  --filter "FullyQualifiedName~Millwright.Tests.Server.Connect.ConnectEndToEndTests|FullyQualifiedName~Millwright.Tests.Server.Connect.ConnectEmbedTests|FullyQualifiedName~Millwright.Tests.Server.Dashboard.DashboardPagesTests|FullyQualifiedName~Millwright.Tests.Server.Dashboard.DashboardRequestLogsTests|FullyQualifiedName~Millwright.Tests.Server.Dashboard.DashboardWebhooksTests|FullyQualifiedName~Millwright.Tests.Server.Dashboard.DashboardMappingsTests"
ls docs/screenshots
