// The labelled spans packed for the worker -> page hop (extension/lib/reportpack.js, issue 23):
// after the transfer, the page reads the same marks as from the engine's own report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packAnnotations, unpackAnnotations } from '../../../extension/lib/reportpack.js';
import { markSpans } from '../../../extension/lib/marks.js';
import { mapReport } from '../../../extension/lib/spanmap.js';

const root = new URL('../../../', import.meta.url).pathname;
const pkg = await import(`${root}extension/pkg/skillmark.js`);
pkg.initSync({ module: readFileSync(`${root}extension/pkg/skillmark_bg.wasm`) });
const notes = readFileSync(`${root}../shared/corpus/dev.jsonl`, 'utf8').trim().split('\n').slice(0, 12).map((l) => JSON.parse(l).text);

test('packed, transferred and unpacked: the same marks, and the same marks after an edit', () => {
  const text = `${notes.join('\n\n')}\n\u{1F600} émoji and accents shift UTF-16 offsets.`;
  const report = pkg.analyze(text);
  const want = report.annotations.map((a) => ({ label: a.label, span: { start16: a.span.start16, end16: a.span.end16 } }));
  assert.ok(want.length > 100);
  const marks = markSpans(report);
  const edited = `${text.slice(0, 500)}xy${text.slice(500)}`;
  const shifted = markSpans(mapReport(report, text, edited));
  const copy = pkg.analyze(text);
  const transfer = packAnnotations(copy);
  assert.equal(copy.annotations, undefined);
  assert.equal(transfer.length, 1);
  const got = unpackAnnotations(structuredClone(copy, { transfer }));
  assert.equal(transfer[0].byteLength, 0, 'the buffer was transferred, not copied');
  assert.deepEqual(got.annotations, want);
  assert.equal(got.packedAnnotations, undefined);
  assert.deepEqual(markSpans(got), marks);
  assert.deepEqual(markSpans(mapReport(got, text, edited)), shifted);
});

test('what was not packed passes as it is', () => {
  for (const v of [null, undefined, 'x', [], { code: 'a' }, { annotations: [] }]) assert.deepEqual(unpackAnnotations(structuredClone(v)), v);
  const empty = { annotations: [], findings: [] };
  packAnnotations(empty);
  assert.deepEqual(unpackAnnotations(empty), { annotations: [], findings: [] });
});
