#!/usr/bin/env bash
# npm test: every check, in the order a failure is cheapest to find. Needs PostgreSQL, Redis and Chromium; starts or
# installs them where it can (scripts/services.sh). Uses its own databases (see vitest.config.ts and scripts/e2e-server.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh
ensure_services
ensure_chromium

step() { echo; echo "==> $*"; }

step "Prisma client"; npx prisma generate >/dev/null
step "Type check"; npm run --silent typecheck
step "Lint"; npm run --silent lint
step "Translations"; npm run --silent i18n:check
step "Unit and integration tests"; npx vitest run
step "Build"; npm run --silent build >/dev/null
step "End-to-end tests (Chromium)"; npx playwright test
