// The engine's data packing (extension/pack-wasm.mjs, issue 23). Each build already fails unless
// the packed module's memory equals the original's after instantiation; these hold the encoder to
// the Rust decoder's test fixture and check that the shipped engine is the packed one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compress, pack } from '../../../extension/pack-wasm.mjs';

const root = new URL('../../../', import.meta.url).pathname;

test('the encoder still writes the fixture src/unpack.rs decodes', () => {
  const packed = compress(readFileSync(`${root}tests/fixtures/unpack/sample.bin`));
  assert.deepEqual(Buffer.from(packed), readFileSync(`${root}tests/fixtures/unpack/sample.lz`),
    'the format changed: regenerate the fixture with `node extension/pack-wasm.mjs --compress` and change src/unpack.rs with it');
});

test('the shipped engine is packed: one data segment, a start function, no unpack export', () => {
  const mod = new WebAssembly.Module(readFileSync(`${root}extension/pkg/skillmark_bg.wasm`));
  assert.ok(!WebAssembly.Module.exports(mod).some((e) => e.name === 'skillmark_unpack'));
  assert.ok(WebAssembly.Module.exports(mod).some((e) => e.name === 'analyze'));
});

test('a module without the unpacker is refused, not shipped unpacked', () => {
  // (module (memory 1) (data (i32.const 16) "abc"))
  const wasm = Uint8Array.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 1, 0, 5, 3, 1, 0, 1, 7, 1, 0,
    11, 9, 1, 0, 0x41, 16, 0x0b, 3, 0x61, 0x62, 0x63]);
  assert.throws(() => pack(wasm), /exports no skillmark_unpack/);
});
