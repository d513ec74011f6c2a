#!/usr/bin/env bash
# Builds the playground's generated files (git-ignored), after ./x wasm:
#   www/build/app.js              www/src/main.js bundled with the extension's shared extension/lib
#                                 modules (imported from there, not copied) and the sample notes
#   www/pkg/skillmark_bg_wasm.js  the engine's .wasm bytes as a script module (why: src/main.js);
#                                 ./x wasm writes it with the rest of www/pkg, this only when missing
# The wasm-bindgen glue (www/pkg/skillmark.js) stays a separate module, loaded as is. Each file is
# written beside its place and renamed over it, so a page being served never reads a missing or
# half-written file.
set -euo pipefail
cd "$(dirname "$0")"
[ -f pkg/skillmark_bg.wasm ] && [ -f pkg/skillmark.js ] || { echo "www/pkg is missing: run ./x wasm" >&2; exit 2; }
ESBUILD=../extension/node_modules/.bin/esbuild
[ -x $ESBUILD ] || (cd ../extension && npm ci --no-audit --no-fund --silent)
if [ ! -f pkg/skillmark_bg_wasm.js ] || [ pkg/skillmark_bg.wasm -nt pkg/skillmark_bg_wasm.js ]; then
  node embed-wasm.mjs pkg/skillmark_bg.wasm pkg/skillmark_bg_wasm.js
fi
mkdir -p build
tmp=build/.app.js.$$
trap 'rm -f "$tmp"' EXIT
$ESBUILD src/main.js --bundle --format=esm --target=chrome121,firefox128,safari17 --charset=utf8 --legal-comments=none \
  --log-level=warning --loader:.txt=text --external:../pkg/* --outfile="$tmp"
mv -f "$tmp" build/app.js
echo "built www/build/app.js and www/pkg/skillmark_bg_wasm.js"
