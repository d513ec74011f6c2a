// The engine's JS binding (extension/pkg, built by ./x wasm) run in Node: the options object is
// read field by field (src/wasm.rs `read_options`, not serde: issue 23's size work), and numbers
// in messages are written as before without the float formatter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const root = new URL('../../../', import.meta.url).pathname;
const pkg = await import(`${root}extension/pkg/skillmark.js`);
pkg.initSync({ module: readFileSync(`${root}extension/pkg/skillmark_bg.wasm`) });

const NOTE = 'Berg 60.5/56 today. TUG -3.25 s with RW. Balance training 3 x 10 min.';
const codes = (r) => r.findings.map((f) => f.code);

test('options: absent, null, undefined fields and unknown fields are the defaults', () => {
  const base = JSON.stringify(pkg.analyze(NOTE, undefined));
  for (const o of [null, {}, { unit_rule: null, max_len: undefined, disabled: null }, { colour: 'red' }]) {
    assert.equal(JSON.stringify(pkg.analyze(NOTE, o)), base, JSON.stringify(o));
  }
});

test('options: each field is read', () => {
  assert.ok(pkg.analyze(NOTE, { max_len: 10 }).truncated);
  assert.ok(!pkg.analyze(NOTE, { max_len: 1000 }).truncated);
  assert.ok(codes(pkg.analyze(NOTE, null)).includes('measure_out_of_range'));
  assert.ok(!codes(pkg.analyze(NOTE, { disabled: ['measure_out_of_range'] })).includes('measure_out_of_range'));
  // 7 + 7 timed minutes: one unit on the day's total (Medicare), none per service.
  const billed = '97112 x 1 unit (7 min). 97110 x 1 unit (7 min).';
  assert.equal(pkg.analyze(billed, { unit_rule: 'medicare' }).billing.supported_units, 1);
  assert.equal(pkg.analyze(billed, { unit_rule: 'rule_of_eights' }).billing.supported_units, 0);
});

test('options: a bad field is a clear error naming it', () => {
  for (const [o, msg] of [
    [{ unit_rule: 'weekly' }, /bad options: unit_rule must be "medicare" or "rule_of_eights"/],
    [{ max_len: 1.5 }, /bad options: max_len must be a whole number/],
    [{ max_len: -1 }, /bad options: max_len must be a whole number/],
    [{ max_len: '10' }, /bad options: max_len must be a whole number/],
    [{ disabled: 'missing_how' }, /bad options: disabled must be an array/],
    [{ disabled: [1] }, /bad options: disabled must be an array/],
    ['medicare', /bad options: expected an object/],
  ]) {
    assert.throws(() => pkg.analyze(NOTE, o), msg, JSON.stringify(o));
  }
});

test('a decimal value is written as typed in a message', () => {
  const msgs = pkg.analyze(NOTE, null).findings.filter((f) => f.code === 'measure_out_of_range').map((f) => f.message);
  assert.deepEqual(msgs, [
    'Berg 60.5 is outside the valid range 0-56 (written out of 56). Check the value for a typo.',
    'TUG -3.25 s is outside the valid range 0-300 s. Check the value for a typo.',
  ]);
});

// Issue 23 asks for an engine of at most 400,000 bytes (it was 630,753 when the size work
// began); this bar is the goal, now reached: 383,845 bytes (the data packed by
// extension/pack-wasm.mjs, 520,476 before; talc as the allocator; wasm-opt's flatten/rereloop),
// which leaves about 16 KB for the rules and weights still to come.
test('the engine (.wasm, raw) stays within its size bar', () => {
  const bytes = readFileSync(`${root}extension/pkg/skillmark_bg.wasm`).length;
  assert.ok(bytes <= 400_000, `extension/pkg/skillmark_bg.wasm is ${bytes} bytes (bar 400,000, the goal; issue 23's goal 400,000): see twiggy top`);
});
