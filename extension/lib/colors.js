// Label and severity appearance. Colours are the Okabe–Ito palette (distinguishable with the
// common colour-vision deficiencies), and every label also has its own line style, so no mark
// is told apart by colour alone. Shared by the extension and the www/ playground.

export const LABELS = [
  { id: 'what', name: 'What', desc: 'the activity delivered', color: '#0072B2', line: 'solid' },
  { id: 'why', name: 'Why', desc: 'the impairment it targets', color: '#E69F00', line: 'double' },
  { id: 'how', name: 'How', desc: 'your skilled input', color: '#009E73', line: 'dashed' },
  { id: 'outcome', name: 'Outcome', desc: 'the functional goal', color: '#CC79A7', line: 'dotted' },
  { id: 'measure', name: 'Measure', desc: 'an objective measure', color: '#56B4E9', line: 'solid', tint: true },
  { id: 'time', name: 'Time', desc: 'minutes / units billed', color: '#7A6A00', line: 'solid', tint: true },
  { id: 'unskilled', name: 'Unskilled', desc: 'wording read as unskilled', color: '#D55E00', line: 'wavy' },
];

export const SEVERITIES = {
  error: { name: 'Error', color: '#D55E00', icon: '\u2716' },
  warning: { name: 'Warning', color: '#B8860B', icon: '\u26A0' },
  info: { name: 'Info', color: '#0072B2', icon: '\u2139' },
};

export const LABEL_BY_ID = Object.fromEntries(LABELS.map((l) => [l.id, l]));

/** Highlight names registered in CSS.highlights (one per label, one per severity). */
export const highlightName = (kind) => `skillmark-${kind}`;

function hexA(hex, a) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${n >> 16},${(n >> 8) & 255},${n & 255},${a})`;
}

/** ::highlight() rules for the CSS Custom Highlight API (contenteditable marks). */
export function highlightCss() {
  const rules = LABELS.map((l) => {
    const bg = l.tint ? `background-color:${hexA(l.color, 0.18)};` : '';
    return `::highlight(${highlightName(l.id)}){text-decoration-line:underline;text-decoration-style:${l.line};` +
      `text-decoration-color:${l.color};text-decoration-thickness:2px;text-underline-offset:3px;${bg}}`;
  });
  for (const [id, s] of Object.entries(SEVERITIES)) {
    rules.push(`::highlight(${highlightName(id)}){background-color:${hexA(s.color, 0.16)};}`);
  }
  rules.push(`::highlight(${highlightName('focus')}){background-color:${hexA('#0072B2', 0.30)};}`);
  return rules.join('\n');
}

/** Style of an overlay box (textarea marks) for a label or severity. */
export function boxStyle(kind) {
  const l = LABEL_BY_ID[kind];
  if (l) {
    const border = l.line === 'wavy' ? 'dotted' : l.line;
    return { borderBottom: `${l.line === 'double' ? 3 : 2}px ${border} ${l.color}`, background: l.tint ? hexA(l.color, 0.18) : 'transparent' };
  }
  const s = SEVERITIES[kind] || SEVERITIES.info;
  return { borderBottom: '0', background: kind === 'focus' ? hexA('#0072B2', 0.3) : hexA(s.color, 0.16) };
}
