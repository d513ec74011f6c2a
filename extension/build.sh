#!/usr/bin/env bash
# Builds the unpacked extension: dist/chrome and dist/firefox from extension/ + extension/pkg
# (run ./x wasm first, or ./x dist which does both).
#   extension/build.sh [--test-origin http://127.0.0.1] [--out DIR] [--package]
# --test-origin makes a test build that is granted that host at install (see manifest.mjs).
# --package also writes the store packages DIR/skillmark-chrome-VERSION.zip (Chrome Web Store)
# and DIR/skillmark-firefox-VERSION.zip (addons.mozilla.org) with `web-ext build` (the npm
# package of tests/e2e), and lints the Firefox one with `web-ext lint`.
set -euo pipefail
cd "$(dirname "$0")"
EXT=$PWD
OUT=$EXT/../dist
TEST_ORIGIN=""
PACKAGE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --test-origin) TEST_ORIGIN=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --package) PACKAGE=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f pkg/skillmark_bg.wasm ] && [ -f pkg/skillmark.js ] || { echo "extension/pkg is missing: run ./x wasm" >&2; exit 2; }
[ -x node_modules/.bin/esbuild ] || npm ci --no-audit --no-fund --silent
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

for browser in chrome firefox; do
  d=$OUT/$browser
  rm -rf "$d"
  mkdir -p "$d/pkg" "$d/popup"
  # One classic content script (no module files need to be web-accessible to pages) carrying the
  # engine worker's source; the worker script; the background (and Chrome's offscreen document).
  node bundle.mjs $browser "$d" ${TEST_ORIGIN:+--test}
  cp popup/popup.html popup/popup.css popup/popup.js popup/logic.js "$d/popup/"
  mkdir -p "$d/icons" && cp icons/icon-*.png "$d/icons/"
  cp pkg/skillmark_bg.wasm "$d/pkg/"
  node manifest.mjs $browser $TEST_ORIGIN > "$d/manifest.json"
done
wasm=$(stat -c %s pkg/skillmark_bg.wasm); gz=$(gzip -9c pkg/skillmark_bg.wasm | wc -c)
echo "built $OUT/chrome and $OUT/firefox${TEST_ORIGIN:+ (test build for $TEST_ORIGIN)}; skillmark_bg.wasm $wasm B, gzip $gz B"
if [ -n "$PACKAGE" ]; then
  [ -z "$TEST_ORIGIN" ] || { echo "--package makes store packages: not of a test build" >&2; exit 2; }
  WEB_EXT=$EXT/../tests/e2e/node_modules/.bin/web-ext
  [ -x "$WEB_EXT" ] || (cd ../tests/e2e && npm ci --no-audit --no-fund --silent)
  version=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version' "$OUT/chrome/manifest.json")
  for browser in chrome firefox; do
    "$WEB_EXT" build --source-dir "$OUT/$browser" --artifacts-dir "$OUT" --filename "skillmark-$browser-$version.zip" \
      --overwrite-dest --no-config-discovery >/dev/null
  done
  "$WEB_EXT" lint --source-dir "$OUT/firefox" --no-config-discovery --warnings-as-errors --output text >/dev/null ||
    { "$WEB_EXT" lint --source-dir "$OUT/firefox" --no-config-discovery --warnings-as-errors --output text; exit 1; }
  echo "packaged $OUT/skillmark-chrome-$version.zip and $OUT/skillmark-firefox-$version.zip (web-ext lint: no warning)"
fi
