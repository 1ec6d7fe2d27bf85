#!/usr/bin/env bash
# The whole suite: build once, unit and integration tests (vitest), then end-to-end in Chromium (Playwright).
# Tests run on the PostgreSQL of DATABASE_URL (each run creates and drops its own database there); without it, on a
# throwaway PostgreSQL started for this run and deleted after it (tests/embedded-postgres.ts). The row-level
# security suites also run on embedded PGlite, so both database paths are proven.
# Arguments narrow the run to those vitest files (`npm test -- tests/integration/smoke`); Playwright is then skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export TANDEM_BUILD_DIR="${TANDEM_BUILD_DIR:-build-test}"

if [ -z "${DATABASE_URL:-}" ]; then
  exec node --import tsx tests/embedded-postgres.ts bash tests/run-all.sh "$@"
fi

# Chromium for Playwright, poppler-utils for reading back generated PDFs.
bash tests/ensure-system-packages.sh

echo "== build ($TANDEM_BUILD_DIR)"
npx remix vite:build --logLevel warn

mode="the app logs in as tandem_app"
[ "${TANDEM_TEST_SET_ROLE:-}" = 1 ] && mode="role switched per transaction"
echo "== vitest on PostgreSQL ($mode)"
npx vitest run "$@"

echo "== vitest: row-level security on embedded PGlite"
env -u DATABASE_URL -u DATABASE_APP_URL npx vitest run tests/integration/rls-

if [ $# -gt 0 ]; then
  echo "== playwright skipped: the run was narrowed to $*"
  exit 0
fi
echo "== playwright (Chromium)"
npx playwright test
