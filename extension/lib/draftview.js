// The "Draft statement" review view: the engine's drafted medical-necessity / progress paragraph
// (placeholders marked), the trend it reports, the measure pairs it rests on, and the two
// actions. Nothing is ever inserted by this module: the surface inserts on the user's click, at
// the caret, through insert.js's verified write. Plain DOM, shared by the extension and www/.
import { renderSuggestionText } from './markdown.js';
import { actionButton, el } from './dom.js';


export const TRENDS = {
  progress: { name: 'Progress', desc: 'at least one measure improved, none got worse' },
  mixed: { name: 'Mixed', desc: 'some measures improved, some got worse' },
  plateau: { name: 'Plateau', desc: 'every stated measure is unchanged' },
  regression: { name: 'Regression', desc: 'the measures that changed got worse' },
  unknown: { name: 'No measure pair', desc: 'the note states no measure with an earlier value' },
};

const DIRECTION = { improved: 'improved', worse: 'worse', unchanged: 'unchanged' };

/**
 * The review view for a draft ({text, trend, facts}).
 * actions: onInsert(draft), onCopy(draft), onClose(); `canInsert` false hides Insert.
 */
export function renderDraftView(doc, draft, actions = {}) {
  const box = el(doc, 'div', 'sm-draft');
  box.setAttribute('role', 'region');
  box.setAttribute('aria-label', 'Drafted statement');
  const head = el(doc, 'div', 'sm-head');
  head.append(el(doc, 'strong', 'sm-title', 'Draft statement'));
  const trend = TRENDS[draft.trend] || TRENDS.unknown;
  const badge = el(doc, 'span', `sm-trend sm-trend-${draft.trend in TRENDS ? draft.trend : 'unknown'}`, trend.name);
  badge.title = trend.desc;
  badge.setAttribute('aria-label', `Trend: ${trend.name} (${trend.desc})`);
  head.append(badge);
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
  pre.append(renderSuggestionText(doc, draft.text));
  text.append(pre);
  box.append(text);
  const placeholders = (draft.text.match(/\[[^\]]*\]/g) || []).length;
  box.append(el(doc, 'p', 'sm-hint sm-review',
    `Review before use: it is built only from this note's own words and numbers${placeholders
      ? `; replace the ${placeholders} [bracketed] part${placeholders > 1 ? 's' : ''} with what you observed` : ''}.`));

  if (draft.facts && draft.facts.length) {
    box.append(el(doc, 'h3', 'sm-sub', 'Measures it rests on'));
    const ul = el(doc, 'ul', 'sm-facts');
    for (const f of draft.facts) {
      const li = el(doc, 'li', `sm-fact sm-dir-${f.direction}`);
      li.append(el(doc, 'strong', null, f.written || f.measure), doc.createTextNode(
        ` ${f.baseline}${f.baseline_when ? ` (${f.baseline_when})` : ''} \u2192 ${f.current}: ${DIRECTION[f.direction] || f.direction}`));
      // No minimal-detectable-change or fall-risk note: the engine knows no cut-off for this
      // note's population (issue 21).
      ul.append(li);
    }
    box.append(ul);
  }

  const row = el(doc, 'div', 'sm-actions');
  if (actions.onInsert && actions.canInsert !== false) {
    row.append(actionButton(doc, 'sm-primary', 'Insert at caret', 'insert-draft', () => actions.onInsert(draft)));
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
