// Small DOM helpers shared by the rendering modules (panel, popover, draft view).
// No chrome.* here: the playground imports the same code.

/** A new element of `tag` in `doc`, with an optional class and text. */
export const el = (doc, tag, cls, text) => {
  const e = doc.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
};

/** A button with a `data-action` name that calls `onClick` when clicked. */
export const actionButton = (doc, cls, label, action, onClick) => {
  const b = el(doc, 'button', cls, label);
  b.type = 'button';
  b.dataset.action = action;
  b.addEventListener('click', onClick);
  return b;
};
