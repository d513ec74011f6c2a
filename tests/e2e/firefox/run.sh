#!/usr/bin/env bash
# The Firefox suite (firefox.spec.mjs): builds the test build of the extension and the fixture
# site (as ../run.sh does) and the skillmark CLI (the reference; a no-op after
# `cargo test --release`), then runs the specs in Debian's Firefox ESR over WebDriver BiDi.
# Needs: node + npm, /usr/bin/firefox-esr (or $FIREFOX), cargo, extension/pkg built (./x wasm).
# Extra arguments go to `playwright test`.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules/puppeteer-core ] || npm ci --no-audit --no-fund --silent
(cd ../.. && cargo build --release --quiet --bin skillmark)
../../extension/build.sh --test-origin http://127.0.0.1 --out "$PWD/output/ext"
node build-fixtures.mjs
npx playwright test --config playwright.firefox.config.mjs "$@"
