#!/usr/bin/env bash
# npm run demo: installs, prepares and starts Clientela (web + worker) on this machine. Safe to run again:
# every step is idempotent (the seed only creates what is missing).
#
# Environment (all optional): DATABASE_URL, APP_DATABASE_URL, REDIS_URL, PORT (default 3000),
# CLIENTELA_NO_INSTALL=1 (see scripts/services.sh).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

echo "==> Installing dependencies (npm install)"
# `npm ci` does not work in every environment this runs in; `npm install` honours package-lock.json too.
npm install --no-audit --no-fund

# shellcheck source=scripts/services.sh
source scripts/services.sh
ensure_services

echo "==> Preparing the database (npm run db:setup)"
npm run db:setup

echo "==> Seeding demo data (npm run seed)"
seed_log=$(mktemp)
npm run seed | tee "$seed_log"
# Repeated once the app answers, so the login is the last thing on screen.
CLIENTELA_READY_NOTE=$(grep -E '^(Demo login|API key):' "$seed_log" || true)
export CLIENTELA_READY_NOTE
rm -f "$seed_log"

echo "==> Building the web app (npm run build)"
npm run build

echo "==> Starting the web server and the worker"
exec npx tsx scripts/start-all.ts
