#!/usr/bin/env bash
# Tests of the ./x helper itself (run by ./x test after the Rust tests; needs node, and the wasm
# target and wasm-bindgen that ./x test installs first):
#  * no or an unknown command prints the usage text and exits 2; `help` exits 0;
#  * the playground server: a busy port or a bad PORT is one clear line and exit 2, no trace;
#  * `./x wasm` while the playground is served: every engine file stays fetchable throughout
#    (the build is swapped in by rename), and the page's modules are the new build afterwards.
set -uo pipefail
cd "$(dirname "$0")/.."
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
# `CONDITION; result NAME`: NAME passes when CONDITION did (its exit status); $out is shown if not.
result() { if [ $? = 0 ]; then ok "$1"; else not_ok "$1" "${out:-}"; fi; }

# ---- usage
out=$(./x 2>&1); code=$?
[ $code = 2 ] && [[ $out == Usage:* ]] && [[ $out == *"serve "* ]] && [[ $out == *"test "* ]]; result "./x alone prints the usage and exits 2"
out=$(./x frobnicate 2>&1); code=$?
test $code = 2 -a "$(head -1 <<<"$out")" = 'x: unknown command "frobnicate"' && [[ $out == *"Usage: ./x COMMAND"* ]]; result "./x with an unknown command names it, prints the usage and exits 2"
out=$(./x help 2>&1); code=$?
[ $code = 0 ] && [[ $out == Usage:* ]]; result "./x help exits 0"

# ---- the server
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_up() { for _ in $(seq 100); do node -e "require('http').get('http://127.0.0.1:$1/',r=>process.exit(0)).on('error',()=>process.exit(1))" && return 0; sleep 0.1; done; return 1; }
port=$(free_port)
node www/serve.mjs "$port" >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
wait_up "$port"
out=$(PORT=$port ./x serve 2>&1); code=$?
[ $code = 2 ] && [[ $(tail -1 <<<"$out") == "serve: port $port on 127.0.0.1 is already in use"*"PORT=$((port + 1)) ./x serve" ]] &&
  ! grep -qiE 'traceback|^\s+at ' <<<"$out" && ! grep -q 'Playground: http' <<<"$out"; result "./x serve on a busy port ends with one clear line and exit 2, and prints no Playground URL"
# A free port: the URL is printed once the server listens (and the page is served).
port2=$(free_port)
node www/serve.mjs "$port2" > /tmp/x-sh-serve.$$ 2>&1 &
server2=$!
wait_up "$port2"; sleep 0.2
out=$(cat /tmp/x-sh-serve.$$); kill $server2; wait $server2 2>/dev/null; rm -f /tmp/x-sh-serve.$$
[[ $out == "Playground: http://127.0.0.1:$port2/  (Ctrl+C to stop; PORT="*" ./x serve for another port)" ]]; result "the server prints the Playground URL once it listens"
out=$(PORT=http ./x serve 2>&1); code=$?
[ $code = 2 ] && [ "$out" = 'x: PORT must be a port number (1-65535), not "http"' ]; result "a PORT that is not a number is said before any build"
out=$(node -e "
  require('http').get('http://127.0.0.1:$port/../x', (r) => { console.log(r.statusCode); });
" 2>&1)
[ "$out" = 404 ]; result "the server serves www/ only"

# ---- ./x wasm while the playground is served
if [ -f www/pkg/skillmark_bg_wasm.js ] && [ -f www/build/app.js ]; then
  rm -f www/pkg/.source-sha256 extension/pkg/.source-sha256   # force the wasm-bindgen step and the swap
  before=$(stat -c %i www/pkg/skillmark.js)
  # Polls every engine file until told to stop; prints the failures.
  node -e "
    const http = require('http');
    const files = ['pkg/skillmark.js', 'pkg/skillmark_bg_wasm.js', 'pkg/skillmark_bg.wasm', 'build/app.js', 'index.html', 'boot.js'];
    let stop = false, n = 0; const bad = [];
    process.on('SIGTERM', () => { stop = true; });
    const get = (f) => new Promise((ok) => http.get('http://127.0.0.1:$port/' + f, (r) => { r.resume(); r.on('end', () => ok(r.statusCode)); }).on('error', (e) => ok(e.code)));
    (async () => {
      while (!stop) { for (const f of files) { const s = await get(f); n++; if (s !== 200) bad.push(f + ' ' + s); } }
      console.log(n + ' ' + bad.length + (bad.length ? ' ' + bad.slice(0, 5).join(', ') : ''));
    })();
  " > /tmp/x-sh-poll.$$ &
  poller=$!
  sleep 0.5
  build=$(./x wasm 2>&1); code=$?
  sleep 0.3
  kill -TERM $poller; wait $poller 2>/dev/null
  read -r n bad rest < /tmp/x-sh-poll.$$; rm -f /tmp/x-sh-poll.$$
  out="./x wasm: $code; $build; $n requests, $bad failed: $rest"
  [ "$code" = 0 ] && [ "$n" -gt 20 ] && [ "$bad" = 0 ]; result "./x wasm while served: every file stays fetchable ($n requests)"
  [ "$(stat -c %i www/pkg/skillmark.js)" != "$before" ] && [ -f www/pkg/skillmark_bg_wasm.js ] && [ -f www/pkg/.source-sha256 ] &&
    [ -z "$(ls -A www | grep '^\.pkg\.new')" ] && [ -z "$(ls -A extension | grep '^\.pkg\.new')" ]; result "./x wasm while served: the files were replaced (rename), www/pkg has the embedded bytes"
  out=$(./x wasm 2>&1)
  [[ $out == *"extension/pkg and www/pkg are up to date"* ]]; result "./x wasm again is a no-op for the packaged engine"
else
  not_ok "./x wasm while served: www/pkg or www/build is not built (run ./x wasm && www/build.sh first)"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
