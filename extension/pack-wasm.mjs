// Packs the engine's static data (issue 23: the engine under 400 KB). About two fifths of the
// wasm are data segments (word lists, learned weights, findings' explanations, rule tables, the
// Unicode sentence-break table); this compresses their memory image, keeps only the packed bytes
// in the module (one segment above the data, where the zeroed statics start), and adds a start
// function that calls the engine's `skillmark_unpack` (src/wasm.rs, decoder in src/unpack.rs) to
// write the image back before any other code runs, then removes that export. The code is
// unchanged, so the engine behaves the same: every run instantiates the module before and after
// and fails unless their memories are equal from the data's start up.
//   node extension/pack-wasm.mjs IN.wasm OUT.wasm        (./x wasm runs it after wasm-opt)
//   node extension/pack-wasm.mjs --compress IN OUT       (raw bytes: the decoder's test fixture)
// The format (LZ77 + an adaptive binary range coder, as in LZMA with fewer contexts) and its
// constants are src/unpack.rs's; change both together.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

const LC = 3; // literal context: the top bits of the previous byte
const MOVE = 4; // adaptation shift of a probability
const GAMMA = 32 + 32 * 32;

class RangeEncoder {
  constructor() { this.low = 0; this.range = 0xFFFFFFFF; this.cache = 0; this.cacheSize = 1; this.out = []; }
  shiftLow() {
    if (this.low < 0xFF000000 || this.low >= 0x100000000) {
      const carry = this.low >= 0x100000000 ? 1 : 0;
      let temp = this.cache;
      do { this.out.push((temp + carry) & 0xFF); temp = 0xFF; } while (--this.cacheSize !== 0);
      this.cache = Math.floor(this.low / 0x1000000) & 0xFF;
    }
    this.cacheSize++;
    this.low = (this.low % 0x1000000) * 256;
  }
  bit(probs, i, b) {
    const p = probs[i];
    const bound = (this.range >>> 11) * p;
    if (b === 0) { this.range = bound; probs[i] = p + ((2048 - p) >> MOVE); }
    else { this.low += bound; this.range -= bound; probs[i] = p - (p >> MOVE); }
    while (this.range < 0x1000000) { this.range = (this.range * 256) >>> 0; this.shiftLow(); }
  }
  // A number >= 1: its bit length in unary, then its bits below the top one.
  gamma(probs, base, v) {
    const n = 31 - Math.clz32(v);
    for (let i = 0; i < n; i++) this.bit(probs, base + i, 1);
    this.bit(probs, base + n, 0);
    for (let j = n - 1; j >= 0; j--) this.bit(probs, base + 32 + n * 32 + j, (v >>> j) & 1);
  }
  finish() { for (let i = 0; i < 5; i++) this.shiftLow(); return Uint8Array.from(this.out); }
}

/** Compresses bytes in the format src/unpack.rs decodes (greedy parse by estimated cost, one step
 *  of lazy matching). */
export function compress(data) {
  const n = data.length, e = new RangeEncoder();
  const LIT = 0, IS_MATCH = LIT + (256 << LC), IS_REP = IS_MATCH + 2, LEN = IS_REP + 2, DIST = LEN + GAMMA;
  const probs = new Uint16Array(DIST + GAMMA).fill(1024);
  const HB = 16, head = new Int32Array(1 << HB).fill(-1), prev = new Int32Array(n).fill(-1);
  const hash = (i) => (((data[i] * 506832829) ^ (data[i + 1] * 2654435761) ^ (data[i + 2] * 40503)) >>> (32 - HB)) & ((1 << HB) - 1);
  const insert = (i) => { if (i + 2 < n) { const h = hash(i); prev[i] = head[h]; head[h] = i; } };
  const matchLen = (a, b) => { let l = 0; while (b + l < n && data[a + l] === data[b + l] && l < 65535) l++; return l; };
  // The best match at i by its estimated saving in bits (a literal costs about 6, a distance about
  // twice its bit length, a repeat of the last one 2): the last distance again (from 2 bytes), else
  // from the hash chains (from 3 bytes).
  const best = (i, rep) => {
    let bl = 0, bd = 0, bs = 0;
    const consider = (l, d) => {
      const saving = l * 6 - (d === rep ? 2 : 2 * (31 - Math.clz32(d)) + 3);
      if (l >= 2 && saving > bs) { bl = l; bd = d; bs = saving; }
    };
    if (rep > 0 && i - rep >= 0) consider(matchLen(i - rep, i), rep);
    if (i + 2 < n) {
      for (let c = head[hash(i)], chain = 512; c >= 0 && chain-- > 0; c = prev[c]) consider(matchLen(c, i), i - c);
    }
    return [bl, bd, bs];
  };
  const literal = (i) => {
    const ctx = i ? data[i - 1] >> (8 - LC) : 0;
    let node = 1;
    for (let k = 7; k >= 0; k--) { const b = (data[i] >> k) & 1; e.bit(probs, LIT + (ctx << 8) + node, b); node = node * 2 + b; }
  };
  let i = 0, state = 0, rep = 0;
  while (i < n) {
    const [l, d, saving] = best(i, rep);
    insert(i);
    if (saving <= 0 || (i + 1 < n && best(i + 1, rep)[2] - 6 > saving)) {
      e.bit(probs, IS_MATCH + state, 0);
      literal(i);
      state = 0; i++;
      continue;
    }
    e.bit(probs, IS_MATCH + state, 1);
    if (d === rep) e.bit(probs, IS_REP + state, 1);
    else { e.bit(probs, IS_REP + state, 0); e.gamma(probs, DIST, d); }
    e.gamma(probs, LEN, l - 1);
    for (let k = 1; k < l; k++) insert(i + k);
    i += l; rep = d; state = 1;
  }
  return e.finish();
}

// ---- the wasm binary: sections, LEB128 -----------------------------------------------------

function uleb(bytes, pos) {
  let v = 0, shift = 0, b;
  do { b = bytes[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, pos];
}
function sleb32(bytes, pos) {
  let v = 0, shift = 0, b;
  do { b = bytes[pos++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  if (shift < 32 && (b & 0x40)) v |= -1 << shift;
  return [v, pos];
}
const encU = (v) => { const o = []; do { let b = v % 128; v = Math.floor(v / 128); if (v) b |= 0x80; o.push(b); } while (v); return o; };
const encS = (v) => { const o = []; for (;;) { const b = v & 0x7f; v >>= 7; if ((v === 0 && !(b & 0x40)) || (v === -1 && (b & 0x40))) { o.push(b); return o; } o.push(b | 0x80); } };
const name = (bytes, pos) => { const [len, p] = uleb(bytes, pos); return [new TextDecoder().decode(bytes.subarray(p, p + len)), p + len]; };
const vec = (items) => [...encU(items.length), ...items.flat()];
const section = (id, ...parts) => {
  const body = Buffer.concat(parts.map((x) => Uint8Array.from(x)));
  return Buffer.concat([Uint8Array.from([id, ...encU(body.length)]), body]);
};

function sections(wasm) {
  const out = [];
  for (let pos = 8; pos < wasm.length;) {
    const id = wasm[pos];
    const [size, start] = uleb(wasm, pos + 1);
    out.push({ id, body: wasm.subarray(start, start + size) });
    pos = start + size;
  }
  return out;
}

function limits(b, p) {
  const flags = b[p++];
  let min, max;
  [min, p] = uleb(b, p);
  if (flags & 1) [max, p] = uleb(b, p);
  return [{ flags, min, max }, p];
}

/** The packed module's bytes. */
export function pack(wasm) {
  const secs = sections(wasm);
  const get = (id) => secs.find((s) => s.id === id);
  const bad = (why) => { throw new Error(`pack-wasm: ${why}`); };

  // Imported functions come first in the function index space.
  let importedFuncs = 0;
  if (get(2)) {
    const b = get(2).body;
    let [count, p] = uleb(b, 0);
    while (count--) {
      [, p] = name(b, p); [, p] = name(b, p);
      const kind = b[p++];
      if (kind === 0) { [, p] = uleb(b, p); importedFuncs++; }
      else if (kind === 1) { p++; [, p] = limits(b, p); }
      else if (kind === 2) [, p] = limits(b, p);
      else if (kind === 3) p += 2;
      else if (kind === 4) { p++; [, p] = uleb(b, p); }
      else bad(`unknown import kind ${kind}`);
    }
  }
  const definedFuncs = get(3) ? uleb(get(3).body, 0)[0] : 0;

  // The unpacker's export: found, then removed.
  const ex = get(7).body;
  let [exCount, p] = uleb(ex, 0);
  const exports = [];
  let unpackIndex = -1;
  while (exCount--) {
    const from = p;
    let field;
    [field, p] = name(ex, p);
    const kind = ex[p++];
    let index;
    [index, p] = uleb(ex, p);
    if (field === 'skillmark_unpack' && kind === 0) unpackIndex = index;
    else exports.push([...ex.subarray(from, p)]);
  }
  if (unpackIndex < 0) bad('the module exports no skillmark_unpack (built without src/wasm.rs?)');

  // The data segments' memory image.
  const segs = [];
  if (get(11)) {
    const b = get(11).body;
    let [count, q] = uleb(b, 0);
    while (count--) {
      const flags = b[q++];
      if (flags === 1) bad('a passive data segment');
      if (flags === 2) { let mem; [mem, q] = uleb(b, q); if (mem !== 0) bad('a second memory'); }
      if (b[q++] !== 0x41) bad('a data segment whose offset is not i32.const');
      let offset, len;
      [offset, q] = sleb32(b, q);
      if (b[q++] !== 0x0b) bad('a data segment offset expression longer than i32.const');
      [len, q] = uleb(b, q);
      segs.push({ offset: offset >>> 0, bytes: b.subarray(q, q + len) });
      q += len;
    }
  }
  if (!segs.length) bad('no data segments');
  const lo = Math.min(...segs.map((s) => s.offset));
  const hi = Math.max(...segs.map((s) => s.offset + s.bytes.length));
  const image = new Uint8Array(hi - lo);
  for (const s of segs) image.set(s.bytes, s.offset - lo);
  const packed = compress(image);
  const at = Math.ceil(hi / 16) * 16;

  // The memory must hold the packed bytes.
  const mem = get(5).body;
  let [memCount, m] = uleb(mem, 0);
  if (memCount !== 1) bad('not exactly one memory');
  const [lim] = limits(mem, m);
  const pages = Math.max(lim.min, Math.ceil((at + packed.length) / 65536));
  if (lim.max !== undefined && lim.max < pages) bad('the memory maximum is too small for the packed bytes');
  const memBody = [1, lim.flags, ...encU(pages), ...(lim.max !== undefined ? encU(lim.max) : [])];

  // A type () -> (), and the start function: unpack, then the module's own start if any.
  const types = get(1).body;
  let [typeCount, t] = uleb(types, 0);
  let voidType = -1;
  for (let k = 0; k < typeCount; k++) {
    if (types[t++] !== 0x60) bad('a type that is not a function type');
    let np, nr;
    [np, t] = uleb(types, t); t += np;
    [nr, t] = uleb(types, t); t += nr;
    if (np === 0 && nr === 0 && voidType < 0) voidType = k;
  }
  let typeBody = [types];
  if (voidType < 0) { voidType = typeCount; typeBody = [encU(typeCount + 1), types.subarray(uleb(types, 0)[1]), [0x60, 0, 0]]; }
  const oldStart = get(8) ? uleb(get(8).body, 0)[0] : -1;
  const startIndex = importedFuncs + definedFuncs;
  const code = [0, 0x41, ...encS(at | 0), 0x41, ...encS(packed.length), 0x41, ...encS(lo | 0), 0x41, ...encS(image.length),
    0x10, ...encU(unpackIndex), ...(oldStart >= 0 ? [0x10, ...encU(oldStart)] : []), 0x0b];
  const appendTo = (body, item) => { const [count, q] = uleb(body, 0); return [encU(count + 1), body.subarray(q), item]; };

  const out = [wasm.subarray(0, 8)];
  for (const s of secs) {
    if (s.id === 8) continue;
    if (s.id === 1) out.push(section(1, ...typeBody));
    else if (s.id === 3) out.push(section(3, ...appendTo(s.body, encU(voidType))));
    else if (s.id === 5) out.push(section(5, memBody));
    else if (s.id === 7) out.push(section(7, vec(exports)), section(8, encU(startIndex))); // start follows export
    else if (s.id === 10) out.push(section(10, ...appendTo(s.body, [...encU(code.length), ...code])));
    else if (s.id === 11) out.push(section(11, [1, 0, 0x41, ...encS(at | 0), 0x0b, ...encU(packed.length)], packed));
    else if (s.id === 12) out.push(section(12, encU(1)));
    else out.push(section(s.id, s.body));
  }
  return { bytes: new Uint8Array(Buffer.concat(out)), lo, hi, at, packed: packed.length };
}

/** Instantiates both modules (imports that throw: nothing may run but the start function) and
 *  fails unless the packed one's memory equals the original's from the data's start up. */
function verify(original, packed, lo) {
  const memory = (bytes) => {
    const mod = new WebAssembly.Module(bytes);
    const imports = {};
    for (const imp of WebAssembly.Module.imports(mod)) {
      if (imp.kind !== 'function') throw new Error(`pack-wasm: cannot check a module importing a ${imp.kind}`);
      (imports[imp.module] ??= {})[imp.name] = () => { throw new Error(`pack-wasm: import ${imp.name} called at instantiation`); };
    }
    const inst = new WebAssembly.Instance(mod, imports);
    const mem = Object.values(inst.exports).find((x) => x instanceof WebAssembly.Memory);
    return new Uint8Array(mem.buffer);
  };
  const a = memory(original), b = memory(packed);
  if (b.length < a.length) throw new Error('pack-wasm: the packed module has less memory');
  for (let k = lo; k < b.length; k++) {
    if ((k < a.length ? a[k] : 0) !== b[k]) throw new Error(`pack-wasm: memory differs at ${k} after unpacking`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  if (args[0] === '--compress' && args.length === 3) {
    writeFileSync(args[2], compress(readFileSync(args[1])));
  } else if (args.length === 2) {
    const [input, output] = args;
    const wasm = readFileSync(input);
    const r = pack(wasm);
    verify(wasm, r.bytes, r.lo);
    const tmp = `${output}.tmp-${process.pid}`;
    writeFileSync(tmp, r.bytes);
    renameSync(tmp, output);
    process.stdout.write(`pack-wasm: data ${r.hi - r.lo} -> ${r.packed} bytes; ${wasm.length} -> ${r.bytes.length} bytes\n`);
  } else {
    process.stderr.write('usage: node extension/pack-wasm.mjs IN.wasm OUT.wasm | --compress IN OUT\n');
    process.exit(2);
  }
}
