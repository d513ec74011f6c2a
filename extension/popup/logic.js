// Popup logic, free of DOM, with the WebExtension API passed in (unit-tested with a fake).

/** The match pattern "<scheme>://<host>/*" of an http(s) page URL, else null (chrome://, file:, ...). */
export function originPattern(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  return `${u.protocol}//${u.hostname}/*`;
}

export const scriptIdFor = (pattern) => `sm:${pattern}`;

/** Granted origins that are single sites (not wildcards), i.e. those the user enabled. */
export function originsToRegister(origins) {
  return origins.filter((o) => /^https?:\/\/[^*/]+\/\*$/.test(o));
}

export async function getState(api, tab) {
  const pattern = originPattern(tab && tab.url);
  if (!pattern) return { supported: false };
  const enabled = await api.permissions.contains({ origins: [pattern] });
  const hidden = !!((await api.storage.session.get('hidden')).hidden || {})[tab.id];
  return { supported: true, pattern, host: new URL(tab.url).hostname, enabled, hidden };
}

/** Must run in the popup's click handler (permissions.request needs a user gesture). */
export async function enable(api, tab) {
  const pattern = originPattern(tab.url);
  if (!pattern) return false;
  const granted = await api.permissions.request({ origins: [pattern] });
  if (!granted) return false;
  await startInTab(api, tab);
  return true;
}

/** After the permission is granted: registers the content script for later loads and starts it
 * now in the open tab. The file path is absolute: Firefox resolves a relative one against the
 * calling page (popup/content.js, which does not exist), so "Turn on" did nothing until the page
 * was reloaded. */
export async function startInTab(api, tab) {
  await api.runtime.sendMessage({ type: 'sync-registrations' });
  await api.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: ['/content.js'] }).catch(() => {});
}

export async function disable(api, tab) {
  const pattern = originPattern(tab.url);
  if (!pattern) return false;
  await api.tabs.sendMessage(tab.id, { type: 'disable' }).catch(() => {});
  const removed = await api.permissions.remove({ origins: [pattern] });
  await api.runtime.sendMessage({ type: 'sync-registrations' });
  return removed;
}

export async function setHidden(api, tab, hidden) {
  const v = (await api.storage.session.get('hidden')).hidden || {};
  if (hidden) v[tab.id] = true; else delete v[tab.id];
  await api.storage.session.set({ hidden: v });
  await api.tabs.sendMessage(tab.id, { type: 'hide', hidden }).catch(() => {});
}
