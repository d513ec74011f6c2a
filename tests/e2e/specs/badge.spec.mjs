// The badge hides none of the note (issue 22: it sat over the last visible line and hid a few
// characters). For each editor kind, with a note longer than its field, at two window sizes and
// with the field (or the page) scrolled to the top, middle and end: no text the field shows lies
// under the badge's box. An editor's text is every line box of its text nodes; a textarea's is
// its whole visible inside (a stricter test: the badge must not cover any of it).
import { test, expect, openFixture } from './harness.mjs';
import { KINDS, fieldFrame, frameOffset } from './kinds.mjs';
import { LONG_NOTE, LONG_NOTE_HTML } from '../fixtures/src/note.js';

/** Puts LONG_NOTE in the field through the editor's own API. */
const SET = {
  textarea: 'el.value = note; el.dispatchEvent(new Event("input", { bubbles: true }));',
  contenteditable: 'el.innerHTML = html;',
  tinymce: 'window.parent.tinymce.activeEditor.setContent(html);',
  ckeditor5: 'window.editor.setData(html);',
  quill: 'window.quill.setText(note + "\\n");',
  prosemirror: 'const s = window.view.state.schema; window.view.dispatch(window.view.state.tr.replaceWith(0, window.view.state.doc.content.size, note.split("\\n").map((l) => s.node("paragraph", null, s.text(l)))));',
  tiptap: 'window.editor.commands.setContent(html);',
  'iframe-editable': 'el.innerHTML = html;',
  'shadow-editable': 'el.innerHTML = html;',
};

const badgeRect = (page) => page.evaluate(() => {
  const b = [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-badge')].find((x) => x.style.display !== 'none' && /\/7/.test(x.textContent));
  if (!b) return null;
  const r = b.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
});

/** What the field shows of its text, as rectangles in page coordinates. */
async function textRects(page, kind) {
  const f = await fieldFrame(page, kind);
  const o = await frameOffset(page, kind);
  const rects = await f.evaluate(`(() => { ${kind.prelude}
    const view = { left: 0, top: 0, right: document.documentElement.clientWidth, bottom: document.documentElement.clientHeight };
    const clip = (r, c) => ({ left: Math.max(r.left, c.left), top: Math.max(r.top, c.top), right: Math.min(r.right, c.right), bottom: Math.min(r.bottom, c.bottom) });
    const b = el.getBoundingClientRect();
    const inside = clip({ left: b.left + el.clientLeft, top: b.top + el.clientTop, right: b.left + el.clientLeft + el.clientWidth, bottom: b.top + el.clientTop + el.clientHeight }, view);
    if (el.localName === 'textarea') return [inside];
    const out = [];
    const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 0) out.push(clip(r, inside));
    }
    return out.filter((r) => r.right > r.left && r.bottom > r.top);
  })()`);
  return rects.map((r) => ({ left: r.left + o.x, top: r.top + o.y, right: r.right + o.x, bottom: r.bottom + o.y }));
}

/** Scrolls the field when it scrolls, else the page, to `frac` (0 top, 0.5 middle, 1 end). */
async function scrollTo(page, kind, frac) {
  const f = await fieldFrame(page, kind);
  await f.evaluate(`(() => { ${kind.prelude}
    const s = el.localName === 'body' || el.scrollHeight <= el.clientHeight + 1 ? document.scrollingElement : el;
    s.scrollTop = Math.round((s.scrollHeight - s.clientHeight) * ${frac});
    if (s === document.scrollingElement && window !== top) top.document.scrollingElement.scrollTop = Math.round((top.document.scrollingElement.scrollHeight - top.innerHeight) * ${frac});
  })()`);
}

for (const kind of KINDS.filter((k) => k.name in SET)) {
  test(`${kind.name}: the badge hides no text of the note, at two sizes and three scroll positions`, async ({ page, server }) => {
    await openFixture(page, server, kind.page);
    const f = await fieldFrame(page, kind);
    await f.evaluate(`(() => { ${kind.prelude} const note = ${JSON.stringify(LONG_NOTE)}; const html = ${JSON.stringify(LONG_NOTE_HTML)}; ${SET[kind.name]} })()`);
    for (const size of [{ width: 1000, height: 800 }, { width: 760, height: 520 }]) {
      await page.setViewportSize(size);
      for (const frac of [0, 0.5, 1]) {
        await scrollTo(page, kind, frac);
        await expect(async () => {
          const b = await badgeRect(page);
          expect(b, 'a badge with the score').not.toBeNull();
          const under = (await textRects(page, kind)).filter((r) => r.left < b.right - 0.5 && r.right > b.left + 0.5 && r.top < b.bottom - 0.5 && r.bottom > b.top + 0.5);
          expect(under, `text under the badge ${JSON.stringify(b)} at ${size.width}x${size.height}, scrolled ${frac}`).toEqual([]);
        }).toPass({ timeout: 10_000 });
      }
    }
  });
}
