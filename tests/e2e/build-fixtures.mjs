// Builds the fixture site into output/site: one HTML page per editor kind, its script bundled
// by esbuild from the real npm packages (TinyMCE is served from node_modules as it loads its
// skins/themes itself). Usage: node build-fixtures.mjs
import { build } from 'esbuild';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';

const here = new URL('.', import.meta.url).pathname;
const out = `${here}output/site`;
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/build`, { recursive: true });

const page = (title, body, { script, css = [], head = '' } = {}) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/build/page.css">${css.map((c) => `<link rel="stylesheet" href="${c}">`).join('')}${head}
</head><body><h1>${title}</h1>
${body}
${script ? `<script src="/build/${script}.js"></script>` : ''}
</body></html>`;

const pages = {
  textarea: page('Plain textarea', `<form id="form"><textarea id="note" class="field" name="note"></textarea>
<textarea id="ro" class="field" readonly>Pt did balance exercises, tolerated well.</textarea>
<textarea id="off" class="field" spellcheck="false">Pt did balance exercises, tolerated well.</textarea>
<textarea id="dis" class="field" disabled>Pt did balance exercises, tolerated well.</textarea>
<textarea id="hid" class="field" style="display:none">Pt did balance exercises, tolerated well.</textarea></form>
<div id="slot"></div>`, { script: 'textarea' }),
  contenteditable: page('Plain contenteditable', '<form><div id="note" class="field" contenteditable="true"></div></form>', { script: 'contenteditable' }),
  tinymce: page('TinyMCE', '<textarea id="note"></textarea>', { script: 'tinymce', head: '<script src="/vendor/tinymce/tinymce.min.js"></script>' }),
  ckeditor5: page('CKEditor 5', '<div style="width:600px"><div id="note"></div></div>', { script: 'ckeditor5', css: ['/build/ckeditor5.css'] }),
  quill: page('Quill', '<div style="width:600px"><div id="note" style="height:160px"></div></div>', { script: 'quill', css: ['/build/quill.css'] }),
  prosemirror: page('ProseMirror', '<div id="note" class="field"></div>', { script: 'prosemirror', head: '<style>.ProseMirror{border:1px solid #888;padding:8px;min-height:100px;white-space:pre-wrap;width:560px}</style>' }),
  tiptap: page('TipTap', '<div id="note"></div>', { script: 'tiptap', head: '<style>.tiptap{border:1px solid #888;padding:8px;min-height:100px;width:560px}</style>' }),
  iframe: page('Same-origin iframe', '<iframe id="frame" src="/iframe-inner.html" style="width:640px;height:420px;border:2px solid #444;margin-left:30px"></iframe>', { script: 'iframe' }),
  'iframe-inner': page('Inner frame', '<textarea id="note" class="field"></textarea><div id="rich" class="field" contenteditable="true"></div>'),
  shadow: page('Open shadow root', '<note-box></note-box>', { script: 'shadow' }),
  react: page('React-controlled textarea', '<div id="root"></div>', { script: 'react' }),
  csp: page('Strict CSP', '<textarea id="note" class="field"></textarea><div id="rich" class="field" contenteditable="true"></div>', { script: 'csp' }),
  locked: page('Editor that rejects writes', '<div id="note" class="field" contenteditable="true"></div>', { script: 'locked' }),
  hang: page('Engine hang', '<textarea id="note" class="field"></textarea><button id="ping" type="button">Ping</button>', { script: 'hang' }),
  'hang-csp': page('Engine hang, strict CSP', '<textarea id="note" class="field"></textarea><button id="ping" type="button">Ping</button>', { script: 'hang' }),
  // Geometry (geometry.spec.mjs): textareas of every box model, a scrolling frame document, a
  // scrolling container in a shadow root, a long TinyMCE note, fields at the top/middle/bottom.
  geometry: page('Textarea box models', `<textarea id="cb" rows="8" style="box-sizing:content-box;width:700px;padding:6px 14px 10px 9px;border:3px solid #888;font:15px/1.45 sans-serif"></textarea>
<textarea id="bb" style="display:block;box-sizing:border-box;width:640px;height:170px;padding:12px 20px;border:5px solid #888;font:16px/22px serif"></textarea>
<textarea id="mono" style="box-sizing:content-box;width:500px;height:120px;padding:4px;border:1px solid #888;font:14px monospace"></textarea><textarea id="rtl" dir="rtl" style="width:400px;height:120px;padding:4px 9px 4px 3px;border:1px solid #888;font:15px/20px sans-serif"></textarea>
<div><textarea id="styled" style="box-sizing:border-box;width:440px;height:110px;padding:10px 6px 3px 12px;border-style:solid;border-color:#888;border-width:1px 7px 4px 2px;scrollbar-width:thin;letter-spacing:0.6px;font:italic 15px/20px Georgia,serif"></textarea>
<textarea id="nowrap" wrap="off" style="width:440px;height:110px;padding:5px;border:2px solid #888;font:14px/19px sans-serif"></textarea></div>`, { script: 'geometry' }),
  'scroll-frame': page('Scrolling frame document', '<iframe id="frame" src="/scroll-frame-inner.html" style="width:700px;height:300px;border:2px solid #444"></iframe>', { script: 'geometry' }),
  'scroll-frame-inner': page('Inner frame', '<div style="height:60px"></div><textarea id="note" class="field"></textarea><div style="height:900px"></div>'),
  'scroll-shadow': page('Scrolling container in a shadow root', '<scroll-box></scroll-box>', { script: 'geometry' }),
  'tinymce-long': page('TinyMCE, long note', '<textarea id="note"></textarea>', { script: 'tinymce-long', head: '<script src="/vendor/tinymce/tinymce.min.js"></script>' }),
  positions: page('Fields at the top, middle and bottom', `<textarea id="top" class="field"></textarea>
<div style="height:700px"></div><textarea id="middle" class="field"></textarea>
<div style="height:700px"></div><textarea id="bottom" class="field"></textarea>`, { script: 'geometry' }),
  bench: page('Benchmark', '<textarea id="note" class="field" style="height:300px"></textarea><div id="rich" class="field" contenteditable="true" style="height:300px;overflow:auto"></div>', { script: 'bench' }),
};
for (const [name, html] of Object.entries(pages)) writeFileSync(`${out}/${name}.html`, html);

const entries = ['textarea', 'contenteditable', 'tinymce', 'ckeditor5', 'quill', 'prosemirror', 'tiptap', 'iframe', 'shadow', 'react', 'csp', 'locked', 'bench', 'hang', 'geometry', 'tinymce-long']
  .map((n) => ({ in: `${here}fixtures/src/${n}.${n === 'react' ? 'jsx' : 'js'}`, out: n }));
await build({
  entryPoints: [...entries, { in: `${here}fixtures/src/page.css`, out: 'page' }],
  bundle: true, format: 'iife', outdir: `${out}/build`, minify: true, logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' }, jsx: 'automatic', loader: { '.svg': 'text' },
});
console.log(`fixtures built in ${out}`);
