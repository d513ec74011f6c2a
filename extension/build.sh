#!/usr/bin/env bash
# Builds the unpacked extension: dist/chrome and dist/firefox from extension/ + extension/pkg
# (run ./x wasm first, or ./x dist which does both).
#   extension/build.sh [--test-origin http://127.0.0.1] [--out DIR]
# --test-origin makes a test build that is granted that host at install (see manifest.mjs).
set -euo pipefail
cd "$(dirname "$0")"
EXT=$PWD
OUT=$EXT/../dist
TEST_ORIGIN=""
while [ $# -gt 0 ]; do
  case "$1" in
    --test-origin) TEST_ORIGIN=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
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
  cp pkg/skillmark_bg.wasm "$d/pkg/"
  node manifest.mjs $browser $TEST_ORIGIN > "$d/manifest.json"
done
wasm=$(stat -c %s pkg/skillmark_bg.wasm); gz=$(gzip -9c pkg/skillmark_bg.wasm | wc -c)
echo "built $OUT/chrome and $OUT/firefox${TEST_ORIGIN:+ (test build for $TEST_ORIGIN)}; skillmark_bg.wasm $wasm B, gzip $gz B"
