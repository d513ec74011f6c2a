#!/usr/bin/env bash
# End-to-end tests: builds the fixture site and a test build of the extension, then runs the
# Playwright specs in Debian's Chromium (new headless) and the popup unit tests.
# Needs: node + npm, /usr/bin/chromium, extension/pkg built (./x wasm).
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@playwright/test ] || npm ci --no-audit --no-fund --silent
../../extension/build.sh --test-origin http://127.0.0.1 --out "$PWD/output/ext"
node build-fixtures.mjs
node --test unit/
npx playwright test "$@"
