// The report's labelled spans, packed for the hop from the engine's worker to the page (issue
// 23): a 200,000-character note has ~8,600 of them, and copying that many small objects between
// threads (structured clone) took most of a long task. The worker packs them into one Int32Array
// (start16, end16, label index), transferred rather than copied; the receiving side unpacks them
// into the {label, span: {start16, end16}} objects the page reads (marks.js, spanmap.js), before
// the report goes anywhere else (a runtime message on strict-CSP pages). Scalar-value offsets
// (span.start/end) of labelled spans are not kept: the page works in UTF-16. No DOM, no chrome.*.

/** Packs `report.annotations` in place; returns the buffers to transfer. */
export function packAnnotations(report) {
  const list = report.annotations;
  if (!Array.isArray(list)) return [];
  const labels = [];
  const index = new Map();
  const packed = new Int32Array(list.length * 3);
  list.forEach((a, i) => {
    let k = index.get(a.label);
    if (k === undefined) { k = labels.length; index.set(a.label, k); labels.push(a.label); }
    packed[i * 3] = a.span.start16;
    packed[i * 3 + 1] = a.span.end16;
    packed[i * 3 + 2] = k;
  });
  delete report.annotations;
  report.packedAnnotations = { labels, packed };
  return [packed.buffer];
}

/** Unpacks what packAnnotations packed (in place; any other value is returned as it is). */
export function unpackAnnotations(report) {
  const p = report && report.packedAnnotations;
  if (!p) return report;
  const { labels, packed } = p;
  const list = new Array(packed.length / 3);
  for (let i = 0; i < list.length; i++) {
    list[i] = { label: labels[packed[i * 3 + 2]], span: { start16: packed[i * 3], end16: packed[i * 3 + 1] } };
  }
  delete report.packedAnnotations;
  report.annotations = list;
  return report;
}
