// Keeping marks valid between an edit and the next analysis (cf. Harper #3446): the change
// from `oldText` to `newText` is taken as one replaced region; spans after it shift, spans that
// touch it are dropped.

const CHUNK = 512;

/** The single edited region: [start, oldEnd) in oldText became [start, newEnd) in newText. The
 * common start and end are skipped a chunk at a time (a native comparison), then a character at a
 * time: one keystroke in a 200,000-character note costs microseconds, not a 2 ms loop (issue 23). */
export function diffRegion(oldText, newText) {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start + CHUNK <= max && oldText.slice(start, start + CHUNK) === newText.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let oe = oldText.length;
  let ne = newText.length;
  while (oe - CHUNK >= start && ne - CHUNK >= start && oldText.slice(oe - CHUNK, oe) === newText.slice(ne - CHUNK, ne)) { oe -= CHUNK; ne -= CHUNK; }
  while (oe > start && ne > start && oldText.charCodeAt(oe - 1) === newText.charCodeAt(ne - 1)) { oe--; ne--; }
  return { start, oldEnd: oe, newEnd: ne, delta: ne - oe };
}

/** Maps one {start16,end16} span; null when the edit touched it. */
export function mapSpan(span, region) {
  if (!region) return span;
  if (span.end16 < region.start || (span.end16 === region.start && span.start16 < span.end16)) return span;
  if (span.start16 > region.oldEnd || (span.start16 === region.oldEnd && region.oldEnd > region.start)) {
    return { ...span, start16: span.start16 + region.delta, end16: span.end16 + region.delta };
  }
  return null;
}

/** Shifts annotations and findings (and suggestion spans) of a report across an edit. */
export function mapReport(report, oldText, newText) {
  const region = diffRegion(oldText, newText);
  if (!region || !report) return report;
  const annotations = [];
  for (const a of report.annotations) {
    const span = mapSpan(a.span, region);
    if (span) annotations.push({ ...a, span });
  }
  const findings = [];
  for (const f of report.findings) {
    const span = mapSpan(f.span, region);
    if (!span) continue;
    let suggestion = f.suggestion;
    if (suggestion) {
      const ss = mapSpan(suggestion.span, region);
      suggestion = ss ? { ...suggestion, span: ss } : null;
    }
    findings.push({ ...f, span, suggestion });
  }
  return { ...report, annotations, findings, stale: true };
}
