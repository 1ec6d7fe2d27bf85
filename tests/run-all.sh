#!/usr/bin/env bash
# The whole suite: build once, integration and unit tests (vitest), then end-to-end in Chromium (Playwright).
# With DATABASE_URL set, tests create (and drop) a fresh PostgreSQL database; the row-level security suites also run
# on embedded PGlite so both runtime modes are proven.
set -euo pipefail
cd "$(dirname "$0")/.."
export TANDEM_BUILD_DIR="${TANDEM_BUILD_DIR:-build-test}"

# Chromium for Playwright, poppler-utils for reading back generated PDFs.
bash tests/ensure-system-packages.sh

echo "== build ($TANDEM_BUILD_DIR)"
npx remix vite:build --logLevel warn

echo "== vitest (${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-PGlite})"
npx vitest run

if [ -n "${DATABASE_URL:-}" ]; then
  echo "== vitest: row-level security on embedded PGlite"
  env -u DATABASE_URL -u DATABASE_APP_URL npx vitest run tests/integration/rls-
fi

echo "== playwright (Chromium)"
npx playwright test
