// The playground's static server for `./x serve`: www/ on 127.0.0.1 only, nothing cached (a
// rebuild shows on reload). A port in use, or one that cannot be opened, is one line of
// explanation and exit status 2, not a stack trace.
//   node www/serve.mjs [PORT]   (default: $PORT, else 8080)
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const root = new URL('.', import.meta.url).pathname;
const port = Number(process.argv[2] || process.env.PORT || 8080);
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8',
};

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`serve: PORT must be a port number (1-65535), not "${process.argv[2] ?? process.env.PORT}"`);
  process.exit(2);
}

const server = http.createServer(async (req, res) => {
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
  } catch {
    res.writeHead(400).end('bad request');
    return;
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = normalize(join(root, path));
  if (!file.startsWith(root) || file.slice(root.length).split(sep).some((part) => part.startsWith('.'))) {
    res.writeHead(404).end('not found');
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
  }
});

server.on('error', (e) => {
  if (e.code === 'EADDRINUSE') {
    console.error(`serve: port ${port} on 127.0.0.1 is already in use (another ./x serve?). Stop that server, or choose another port: PORT=${port === 65535 ? 8081 : port + 1} ./x serve`);
  } else if (e.code === 'EACCES') {
    console.error(`serve: not allowed to open port ${port} (ports below 1024 need root). Choose another: PORT=8080 ./x serve`);
  } else {
    console.error(`serve: cannot serve on 127.0.0.1:${port}: ${e.message}`);
  }
  process.exit(2);
});

// Said only once the port is open: a busy port shows its error alone, never a URL first.
server.listen(port, '127.0.0.1', () => {
  console.log(`Playground: http://127.0.0.1:${port}/  (Ctrl+C to stop; PORT=${port === 8081 ? 8082 : 8081} ./x serve for another port)`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
