// The field kinds under test: where the field is, how to read its text independently of the
// extension (the editor's own model where it has one), and whether it is a textarea; and how to
// open one field's checklist panel.
import { expect } from './harness.mjs';

const paras = 'const paras = (el) => [...el.children].map((c) => c.textContent).join("\\n");';
const pmText = (v) => `${v}.state.doc.textBetween(0, ${v}.state.doc.content.size, "\\n")`;

export const KINDS = [
  { name: 'textarea', page: 'textarea', textarea: true, el: 'document.getElementById("note")', read: 'el.value' },
  { name: 'contenteditable', page: 'contenteditable', el: 'document.getElementById("note")', read: 'paras(el)' },
  { name: 'tinymce', page: 'tinymce', frame: '#note_ifr', el: 'document.body', read: 'paras(el)' },
  { name: 'ckeditor5', page: 'ckeditor5', el: 'document.querySelector(".ck-editor__editable")',
    read: '[...window.editor.model.document.getRoot().getChildren()].map((p) => [...p.getChildren()].map((t) => t.data).join("")).join("\\n")' },
  { name: 'quill', page: 'quill', el: 'document.querySelector(".ql-editor")', read: 'window.quill.getText().replace(/\\n$/, "")' },
  { name: 'prosemirror', page: 'prosemirror', el: 'document.querySelector(".ProseMirror")', read: pmText('window.view') },
  { name: 'tiptap', page: 'tiptap', el: 'document.querySelector(".tiptap")', read: pmText('window.editor') },
  { name: 'iframe-textarea', page: 'iframe', frame: '#frame', textarea: true, el: 'document.getElementById("note")', read: 'el.value' },
  { name: 'iframe-editable', page: 'iframe', frame: '#frame', el: 'document.getElementById("rich")', read: 'paras(el)' },
  { name: 'shadow-textarea', page: 'shadow', textarea: true, el: 'document.querySelector("note-box").shadowRoot.getElementById("note")', read: 'el.value' },
  { name: 'shadow-editable', page: 'shadow', el: 'document.querySelector("note-box").shadowRoot.getElementById("rich")', read: 'paras(el)' },
  { name: 'react-textarea', page: 'react', textarea: true, el: 'document.getElementById("note")', read: 'window.reactValue' },
  { name: 'csp-textarea', page: 'csp', textarea: true, el: 'document.getElementById("note")', read: 'el.value' },
  { name: 'csp-editable', page: 'csp', el: 'document.getElementById("rich")', read: 'paras(el)' },
].map((k) => ({ ...k, prelude: `${paras} const el = ${k.el};` }));

/** The frame that holds the field. */
export async function fieldFrame(page, kind) {
  if (!kind.frame) return page.mainFrame();
  const h = await page.waitForSelector(kind.frame);
  const f = await h.contentFrame();
  return f;
}

/** Offset of the field's frame viewport in page coordinates. */
export async function frameOffset(page, kind) {
  if (!kind.frame) return { x: 0, y: 0 };
  return page.evaluate((sel) => {
    const f = document.querySelector(sel);
    const r = f.getBoundingClientRect();
    const cs = getComputedStyle(f);
    return { x: r.left + f.clientLeft + parseFloat(cs.paddingLeft), y: r.top + f.clientTop + parseFloat(cs.paddingTop) };
  }, kind.frame);
}

export async function readText(page, kind) {
  const f = await fieldFrame(page, kind);
  return f.evaluate(`(() => { ${kind.prelude} return ${kind.read}; })()`);
}

export async function fieldHtml(page, kind) {
  const f = await fieldFrame(page, kind);
  return f.evaluate(`(() => { ${kind.prelude} return el.localName === 'textarea' ? el.outerHTML : el.innerHTML; })()`);
}

/**
 * The centre of the shown badge beside `kind`'s field (issue 22: beside the field, not over its
 * text), or null. Uses only page.evaluate, so the Playwright (Chromium) and puppeteer (Firefox)
 * suites share it.
 */
export async function badgeCentre(page, kind) {
  let field;
  if (kind.el === 'document.body') {
    // An editor whose field is a frame's whole body (TinyMCE) has its badge beside the frame.
    field = await page.evaluate((sel) => {
      const b = document.querySelector(sel).getBoundingClientRect();
      return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    }, kind.frame);
  } else {
    const f = await fieldFrame(page, kind);
    const off = await frameOffset(page, kind);
    const r = await f.evaluate(`(() => { ${kind.prelude} const b = el.getBoundingClientRect(); return { left: b.left, top: b.top, right: b.right, bottom: b.bottom }; })()`);
    field = { left: r.left + off.x, top: r.top + off.y, right: r.right + off.x, bottom: r.bottom + off.y };
  }
  return page.evaluate((fr) => [...document.querySelector('skillmark-ui').shadowRoot.querySelectorAll('.sm-badge')]
    .filter((b) => b.style.display !== 'none').map((b) => b.getBoundingClientRect())
    .map((b) => ({ x: (b.left + b.right) / 2, y: (b.top + b.bottom) / 2,
      d: Math.hypot(Math.max(0, fr.left - b.right, b.left - fr.right), Math.max(0, fr.top - b.bottom, b.top - fr.bottom)) }))
    .filter((p) => p.d < 30).sort((a, b) => a.d - b.d)[0] || null, field);
}

/** Opens the checklist panel from the badge of `kind`'s field (pages may have several fields). */
export async function openPanel(page, kind) {
  const centre = () => badgeCentre(page, kind);
  await expect.poll(centre).not.toBeNull();
  const c = await centre();
  await page.mouse.click(c.x, c.y);
  const panel = page.locator('skillmark-ui .sm-panel:popover-open');
  await expect(panel).toBeVisible();
  return panel;
}
