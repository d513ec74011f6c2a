// Draws the extension's icons (a white check mark on the Skillmark blue rounded square) as PNG
// files, with no image library: `node extension/icons/make.mjs` rewrites icon-{16,32,48,96,128}.png
// beside this file (committed; run again only to change the design). 4 x 4 supersampling.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x00, 0x72, 0xb2];
const here = new URL('.', import.meta.url).pathname;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

/** Distance from point p to segment ab. */
const seg = (px, py, ax, ay, bx, by) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};

/** Coverage (0..1) of the square and of the check at a point in unit coordinates. */
function sample(x, y) {
  const r = 0.2, m = 0.03; // corner radius, margin
  const qx = Math.max(m + r - x, 0, x - (1 - m - r)), qy = Math.max(m + r - y, 0, y - (1 - m - r));
  const inSquare = Math.hypot(qx, qy) <= r && x >= m && x <= 1 - m && y >= m && y <= 1 - m;
  const w = 0.075; // half the stroke width of the check
  const inCheck = seg(x, y, 0.26, 0.53, 0.43, 0.7) <= w || seg(x, y, 0.43, 0.7, 0.75, 0.32) <= w;
  return [inSquare, inCheck];
}

function png(size) {
  const S = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let sq = 0, ck = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const [a, b] = sample((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
        if (a) { sq++; if (b) ck++; }
      }
      const alpha = sq / (S * S), white = sq ? ck / sq : 0;
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = Math.round(BLUE[c] * (1 - white) + 255 * white);
      row[o + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

for (const size of [16, 32, 48, 96, 128]) writeFileSync(`${here}icon-${size}.png`, png(size));
process.stdout.write('wrote extension/icons/icon-{16,32,48,96,128}.png\n');
