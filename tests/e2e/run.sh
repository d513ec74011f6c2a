#!/usr/bin/env bash
# End-to-end tests: builds the shipped package and its store zips (checked statically, and by
# web-ext lint for Firefox), a test build of the extension and the fixture site, then runs the Playwright specs
# in Debian's Chromium (new headless; retries 0, each spec twice) and the unit tests.
# Also builds the playground (www/build.sh) for its specs, and the skillmark CLI (the reference of
# the SOAP specs).
# Needs: node + npm, /usr/bin/chromium, cargo, extension/pkg and www/pkg built (./x wasm).
# Extra arguments go to `playwright test`.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@playwright/test ] || npm ci --no-audit --no-fund --silent
(cd ../.. && cargo build --release --quiet --bin skillmark)
../../extension/build.sh --out "$PWD/output/ship" --package
../../extension/build.sh --test-origin http://127.0.0.1 --out "$PWD/output/ext"
../../www/build.sh
node build-fixtures.mjs
node --test unit/
npx playwright test "$@"
