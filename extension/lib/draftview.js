// The review view of the engine's two drafts. "Draft statement": the drafted medical-necessity /
// progress paragraph (placeholders marked), the trend it reports, the measure pairs it rests on.
// "Organise as SOAP": the note's own sentences under S/O/A/P, a [placeholder] for each part the
// note lacks. Each with its two actions. Nothing is ever inserted by this module: the surface
// inserts on the user's click through insert.js's verified write, where `draftRange` says (the
// statement at the caret; the SOAP draft in place of the whole note, so one undo restores it).
// Plain DOM, shared by the extension and www/.
import { renderSuggestionText } from './markdown.js';
import { actionButton, el } from './dom.js';


export const TRENDS = {
  progress: { name: 'Progress', desc: 'at least one measure improved, none got worse' },
  mixed: { name: 'Mixed', desc: 'some measures improved, some got worse' },
  plateau: { name: 'Plateau', desc: 'every stated measure is unchanged' },
  regression: { name: 'Regression', desc: 'the measures that changed got worse' },
  unknown: { name: 'No measure pair', desc: 'the note states no measure with an earlier value' },
};

/**
 * A measure pair's direction as a therapist reads it. `higher` / `lower` are pairs of a measure
 * whose better direction the engine does not know ("tandem stance on foam 9 s -> 22 s"): said as
 * the change ("increased"), with which way is better left to the reader.
 */
const DIRECTION = {
  improved: { word: 'improved' },
  worse: { word: 'worse' },
  unchanged: { word: 'unchanged' },
  higher: { word: 'increased', note: 'which way is better for this measure is yours to judge' },
  lower: { word: 'decreased', note: 'which way is better for this measure is yours to judge' },
};

/** The line of a measure pair after its name: "9 s (last visit) → 22 s: increased". */
export function factLine(f) {
  const dir = DIRECTION[f.direction] || { word: 'changed' };
  return `${f.baseline}${f.baseline_when ? ` (${f.baseline_when})` : ''} \u2192 ${f.current}: ${dir.word}`;
}

/**
 * The trend badge of a statement: its trend, except that a note whose only pairs are measures of
 * no known better direction has changes stated, not "No measure pair".
 */
export function trendOf(draft) {
  const known = draft.trend in TRENDS ? draft.trend : 'unknown';
  if (known === 'unknown' && draft.facts && draft.facts.length) {
    return { key: 'unknown', name: 'Change stated', desc: 'the note states measures with an earlier value; which way is better is yours to judge' };
  }
  return { key: known, ...TRENDS[known] };
}

/** The SOAP draft ({text, missing}) rather than the statement ({text, trend, facts}). */
export const isSoap = (draft) => Array.isArray(draft.missing);

/** The action that made the draft, as the panel names it. */
export const draftAction = (draft) => (isSoap(draft) ? 'Organise as SOAP' : 'Draft statement');

/**
 * Where a reviewed draft goes in the note `note` it was drafted from: the statement at `caret`
 * (nothing replaced); the SOAP draft over the whole note, since it is the note's own sentences
 * regrouped (one write: one undo step brings the note back).
 */
export function draftRange(draft, note, caret) {
  return isSoap(draft) ? { start: 0, end: note.length } : { start: caret, end: caret };
}

/**
 * The SOAP draft as its lines, with the placeholder of each missing part marked: the line of the
 * part's header ("A: [Assessment: ...]"). The note's own brackets ("[eval 38/56]") are the note's
 * words, not placeholders.
 */
function renderSoapText(doc, draft) {
  const span = el(doc, 'span', 'sm-sugg-text');
  const missing = new Set(draft.missing.map((part) => part[0].toUpperCase()));
  draft.text.split('\n').forEach((line, i) => {
    if (i) span.append(doc.createTextNode('\n'));
    const m = /^([SOAP]): (\[.*\])$/.exec(line);
    if (m && missing.delete(m[1])) span.append(doc.createTextNode(`${m[1]}: `), el(doc, 'mark', 'sm-ph', m[2]));
    else span.append(doc.createTextNode(line));
  });
  return span;
}

/**
 * The review view for a draft: the statement ({text, trend, facts}) or the SOAP draft
 * ({text, missing}). actions: onInsert(draft), onCopy(draft), onClose(); `canInsert` false hides
 * Insert.
 */
export function renderDraftView(doc, draft, actions = {}) {
  const soap = isSoap(draft);
  const box = el(doc, 'div', soap ? 'sm-draft sm-soap' : 'sm-draft');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', soap ? 'Note organised as SOAP' : 'Drafted statement');
  const head = el(doc, 'div', 'sm-head');
  head.append(el(doc, 'strong', 'sm-title', soap ? 'Organised as SOAP' : 'Draft statement'));
  if (!soap) {
    const trend = trendOf(draft);
    const badge = el(doc, 'span', `sm-trend sm-trend-${trend.key}`, trend.name);
    badge.title = trend.desc;
    badge.setAttribute('aria-label', `Trend: ${trend.name} (${trend.desc})`);
    head.append(badge);
  }
  if (actions.onClose) {
    const x = el(doc, 'button', 'sm-x', '\u00d7');
    x.type = 'button';
    x.setAttribute('aria-label', 'Close');
    x.addEventListener('click', () => actions.onClose());
    head.append(x);
  }
  box.append(head);

  const text = el(doc, 'div', 'sm-sugg sm-draft-text');
  const pre = el(doc, 'div', 'sm-sugg-pre sm-draft-pre');
  pre.append(soap ? renderSoapText(doc, draft) : renderSuggestionText(doc, draft.text));
  text.append(pre);
  box.append(text);
  const placeholders = soap ? draft.missing.length : (draft.text.match(/\[[^\]]*\]/g) || []).length;
  box.append(el(doc, 'p', 'sm-hint sm-review',
    `Review before use: ${soap ? "it is this note's own sentences, unchanged, grouped by their role"
      : "it is built only from this note's own words and numbers"}${placeholders
      ? `; replace the ${placeholders} [bracketed] part${placeholders > 1 ? 's' : ''} with what you observed` : ''}.`));

  if (draft.facts && draft.facts.length) {
    box.append(el(doc, 'h3', 'sm-sub', 'Measures it rests on'));
    const ul = el(doc, 'ul', 'sm-facts');
    for (const f of draft.facts) {
      const li = el(doc, 'li', `sm-fact sm-dir-${f.direction}`);
      li.append(el(doc, 'strong', null, f.written || f.measure), doc.createTextNode(` ${factLine(f)}`));
      const note = DIRECTION[f.direction]?.note;
      if (note) li.title = note;
      // No minimal-detectable-change or fall-risk note: the engine knows no cut-off for this
      // note's population (issue 21).
      ul.append(li);
    }
    box.append(ul);
  }

  const row = el(doc, 'div', 'sm-actions');
  if (actions.onInsert && actions.canInsert !== false) {
    row.append(soap
      ? actionButton(doc, 'sm-primary', 'Insert in place of the note', 'insert-soap', () => actions.onInsert(draft))
      : actionButton(doc, 'sm-primary', 'Insert at caret', 'insert-draft', () => actions.onInsert(draft)));
  }
  if (actions.onCopy) {
    row.append(actionButton(doc, null, 'Copy', 'copy-draft', () => actions.onCopy(draft)));
  }
  box.append(row);
  const status = el(doc, 'div', 'sm-status');
  status.setAttribute('role', 'status');
  box.append(status);
  return box;
}
