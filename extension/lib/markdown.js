// A tiny Markdown subset for the rule explanations (headings, paragraphs, fenced code,
// inline code, lists), built with DOM calls only: no innerHTML, nothing from the page is parsed.

export function renderMarkdown(doc, md) {
  const root = doc.createElement('div');
  root.className = 'sm-md';
  const lines = md.split('\n').map((l) => l.replace(/^ /, ''));
  let para = [];
  let list = null;
  const flush = () => {
    if (para.length) {
      const p = doc.createElement('p');
      inline(doc, p, para.join(' '));
      root.append(p);
      para = [];
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('```')) {
      flush(); list = null;
      const pre = doc.createElement('pre');
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      pre.textContent = code.join('\n');
      root.append(pre);
    } else if (/^#{1,6} /.test(line)) {
      flush(); list = null;
      const h = doc.createElement('h4');
      h.textContent = line.replace(/^#+ /, '');
      root.append(h);
    } else if (/^[-*] /.test(line)) {
      flush();
      if (!list) { list = doc.createElement('ul'); root.append(list); }
      const li = doc.createElement('li');
      inline(doc, li, line.slice(2));
      list.append(li);
    } else if (!line.trim()) {
      flush(); list = null;
    } else {
      list = null;
      para.push(line.trim());
    }
  }
  flush();
  return root;
}

function inline(doc, parent, text) {
  const parts = text.split(/(`[^`]+`)/);
  for (const part of parts) {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      const c = doc.createElement('code');
      c.textContent = part.slice(1, -1);
      parent.append(c);
    } else if (part) {
      parent.append(doc.createTextNode(part.replace(/\*\*([^*]+)\*\*/g, '$1')));
    }
  }
}

/** Suggestion text with its "[placeholders]" shown as marked spans (the text itself is unchanged). */
export function renderSuggestionText(doc, text) {
  const el = doc.createElement('span');
  el.className = 'sm-sugg-text';
  for (const part of text.split(/(\[[^\]]*\])/)) {
    if (!part) continue;
    if (part.startsWith('[')) {
      const m = doc.createElement('mark');
      m.className = 'sm-ph';
      m.textContent = part;
      el.append(m);
    } else {
      el.append(doc.createTextNode(part.replace(/\n/g, '\u21B5\n')));
    }
  }
  return el;
}
