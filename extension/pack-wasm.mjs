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
// The format (LZ77 + an adaptive binary range coder, as in LZMA with fewer contexts: four repeat
// distances, literals coded against the byte at the last distance after a match, the position's
// low two bits in the match flag's context) and its constants are src/unpack.rs's; change both
// together.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';

const LC = 3; // literal context: the top bits of the previous byte
const PB = 2; // position context of the match flag: the low bits of the output position
const MOVE = 4; // adaptation shift of a probability
const GAMMA = 32 + 32 * 32;
// The probabilities' layout: literals (0x300 per context: plain, then matched with a 0 or a 1
// bit at the last distance), then per state (0 after a literal, 1 after a match, 2 after a repeat)
// the match flag (per position context too) and the repeat flags, then the numbers: a match's
// length, a repeat's length, and a match's distance (its length first: one table for length 2, one
// for 3, one for longer).
const STATES = 3, LIT = 0, IS_MATCH = LIT + (0x300 << LC), IS_REP = IS_MATCH + (STATES << PB), IS_REP0 = IS_REP + STATES,
  IS_REP1 = IS_REP0 + STATES, IS_REP2 = IS_REP1 + STATES, LEN = IS_REP2 + STATES, REP_LEN = LEN + GAMMA, DIST = REP_LEN + GAMMA,
  PROBS = DIST + 3 * GAMMA;
/** The table of a match's distance, by the match's length. */
const distTable = (len) => DIST + Math.min(len - 2, 2) * GAMMA;

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

/** Compresses bytes in the format src/unpack.rs decodes. The parse is chosen by cost, as LZMA's
 *  encoder does: block by block (BLOCK bytes), a shortest path over the block's positions where
 *  each step is a literal, a match (any length up to the longest, each at the nearest distance
 *  that reaches it) or a repeat of one of the path's last four distances, priced in bits from the
 *  coder's probabilities at the block's start; then the block is coded along that path. */
export function compress(data) {
  const n = data.length, e = new RangeEncoder();
  const probs = new Uint16Array(PROBS).fill(1024);
  const HB = 16, head = new Int32Array(1 << HB).fill(-1), prev = new Int32Array(n).fill(-1);
  const hash = (i) => (((data[i] * 506832829) ^ (data[i + 1] * 2654435761) ^ (data[i + 2] * 40503)) >>> (32 - HB)) & ((1 << HB) - 1);
  const matchLen = (a, b, max) => { let l = 0; while (l < max && data[a + l] === data[b + l]) l++; return l; };
  const BLOCK = 512, NICE = 128, CHAIN = 256, MAX = 65535, POS = (1 << PB) - 1;
  // The price of a bit in bits, by its probability (11-bit fixed point) of being 0.
  const price = new Float64Array(2049);
  for (let p = 1; p < 2048; p++) price[p] = -Math.log2(p / 2048);
  const bitPrice = (i, b) => price[b ? 2048 - probs[i] : probs[i]];
  const gammaPrice = (base, v) => {
    const k = 31 - Math.clz32(v);
    let c = bitPrice(base + k, 0);
    for (let i = 0; i < k; i++) c += bitPrice(base + i, 1);
    for (let j = k - 1; j >= 0; j--) c += bitPrice(base + 32 + k * 32 + j, (v >>> j) & 1);
    return c;
  };
  // A literal's bits (coded when `code`, else priced): after a match or a repeat, against the
  // byte at the last distance while their bits agree.
  const literal = (i, matched, rep0, code) => {
    const base = LIT + (i ? data[i - 1] >> (8 - LC) : 0) * 0x300, sym = data[i];
    let node = 1, c = 0, k = 7;
    const bit = (idx, b) => { if (code) e.bit(probs, idx, b); else c += bitPrice(idx, b); node = node * 2 + b; };
    if (matched) {
      const mb = data[i - rep0];
      for (; k >= 0; k--) {
        const m = (mb >> k) & 1, b = (sym >> k) & 1;
        bit(base + ((1 + m) << 8) + node, b);
        if (m !== b) { k--; break; }
      }
    }
    for (; k >= 0; k--) bit(base + node, (sym >> k) & 1);
    return c;
  };
  // The flags that pick repeat distance `idx` (0 to 3).
  const repFlags = (st, idx, visit) => {
    visit(IS_REP + st, 1);
    visit(IS_REP0 + st, idx > 0 ? 1 : 0);
    if (idx > 0) visit(IS_REP1 + st, idx > 1 ? 1 : 0);
    if (idx > 1) visit(IS_REP2 + st, idx - 2);
  };
  const repPrice = (st, idx) => { let c = 0; repFlags(st, idx, (i, b) => { c += bitPrice(i, b); }); return c; };
  // The path's nodes, by offset in the block: cost, the step that reached it (kind: 0 a literal,
  // 1 a match at distance arg, 2 a repeat of distance number arg; its length and start), and the
  // state and the four last distances after it.
  const SPAN = BLOCK + MAX + 1;
  const cost = new Float64Array(SPAN), stepLen = new Int32Array(SPAN), stepKind = new Int8Array(SPAN), stepArg = new Int32Array(SPAN);
  const from = new Int32Array(SPAN), stateAt = new Int8Array(SPAN), repsAt = new Int32Array(SPAN * 4);
  let inserted = 0;
  const insertUpTo = (i) => {
    for (; inserted < i && inserted < n; inserted++) {
      if (inserted + 2 < n) { const h = hash(inserted); prev[inserted] = head[h]; head[h] = inserted; }
    }
  };
  // The distances after a step of `kind` with `arg` from distances `r`.
  const nextReps = (r, kind, arg) => (kind === 1 ? [arg, r[0], r[1], r[2]] : kind === 2 ? [r[arg], ...r.filter((_, j) => j !== arg)] : r);
  let s = 0, state = 0, reps = [0, 0, 0, 0];
  while (s < n) {
    const end = Math.min(n, s + BLOCK);
    cost.fill(Infinity);
    cost[0] = 0; stateAt[0] = state; repsAt.set(reps, 0);
    let reach = end;
    const relax = (i, l, kind, arg, c) => {
      const to = i + l - s;
      if (c < cost[to]) { cost[to] = c; stepLen[to] = l; stepKind[to] = kind; stepArg[to] = arg; from[to] = i - s; }
    };
    for (let i = s; i < end; i++) {
      const at = i - s;
      if (at > 0) {
        const f = from[at];
        repsAt.set(nextReps(Array.from(repsAt.subarray(f * 4, f * 4 + 4)), stepKind[at], stepArg[at]), at * 4);
        stateAt[at] = stepKind[at];
      }
      const c0 = cost[at], st = stateAt[at], r = Array.from(repsAt.subarray(at * 4, at * 4 + 4)), flag = IS_MATCH + (st << PB) + (i & POS);
      insertUpTo(i);
      relax(i, 1, 0, 0, c0 + bitPrice(flag, 0) + literal(i, st !== 0, r[0], false));
      const max = Math.min(MAX, n - i);
      if (max < 2) continue;
      const mc = c0 + bitPrice(flag, 1);
      let best = 1;
      // Repeats of the last four distances: every length from 2.
      for (let k = 0; k < 4; k++) {
        const d = r[k];
        if (d <= 0 || d > i || r.indexOf(d) < k) continue;
        const L = matchLen(i - d, i, max);
        const base = mc + repPrice(st, k);
        for (let l = 2; l <= Math.min(L, NICE); l++) relax(i, l, 2, k, base + gammaPrice(REP_LEN, l - 1));
        if (L > NICE) relax(i, L, 2, k, base + gammaPrice(REP_LEN, L - 1));
        if (L > best) best = L;
      }
      // New distances from the hash chain, nearest first: each length at the nearest distance.
      if (i + 2 < n) {
        let longest = 1;
        for (let c = head[hash(i)], chain = CHAIN; c >= 0 && chain-- > 0; c = prev[c]) {
          const L = matchLen(c, i, max);
          if (L <= longest) continue;
          const d = i - c;
          const base = mc + bitPrice(IS_REP + st, 0), dist = [2, 3, 4].map((l) => gammaPrice(distTable(l), d));
          const matchPrice = (l) => base + gammaPrice(LEN, l - 1) + dist[Math.min(l - 2, 2)];
          for (let l = longest + 1; l <= Math.min(L, NICE); l++) relax(i, l, 1, d, matchPrice(l));
          if (L > NICE) relax(i, L, 1, d, matchPrice(L));
          longest = L;
          if (L >= NICE) break;
        }
        if (longest > best) best = longest;
      }
      if (i + best > reach) reach = i + best;
    }
    // The path to the block's end, or past it when a long step crosses the end.
    let stop = end;
    for (let j = end + 1; j <= reach; j++) if (cost[j - s] < Infinity && from[j - s] < end - s) stop = j;
    const steps = [];
    for (let j = stop - s; j > 0; j = from[j]) steps.push(j);
    steps.reverse();
    for (const j of steps) {
      const i = from[j] + s, l = stepLen[j], kind = stepKind[j], arg = stepArg[j], flag = IS_MATCH + (state << PB) + (i & POS);
      e.bit(probs, flag, kind === 0 ? 0 : 1);
      if (kind === 0) literal(i, state !== 0, reps[0], true);
      else if (kind === 1) { e.bit(probs, IS_REP + state, 0); e.gamma(probs, LEN, l - 1); e.gamma(probs, distTable(l), arg); }
      else { repFlags(state, arg, (idx, b) => e.bit(probs, idx, b)); e.gamma(probs, REP_LEN, l - 1); }
      reps = nextReps(reps, kind, arg);
      state = kind;
    }
    s = stop;
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
