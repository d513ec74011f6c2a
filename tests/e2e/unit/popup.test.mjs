// Unit tests of the popup's logic with a fake WebExtension API (the real permission prompt
// cannot be clicked by an automated browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { originPattern, originsToRegister, getState, enable, disable, setHidden, scriptIdFor } from '../../../extension/popup/logic.js';

function fakeApi({ grant = true } = {}) {
  const calls = [];
  const granted = new Set();
  let session = {};
  return {
    calls, granted,
    permissions: {
      contains: async ({ origins }) => origins.every((o) => granted.has(o)),
      request: async ({ origins }) => { calls.push(['request', origins]); if (grant) origins.forEach((o) => granted.add(o)); return grant; },
      remove: async ({ origins }) => { calls.push(['remove', origins]); origins.forEach((o) => granted.delete(o)); return true; },
    },
    runtime: { sendMessage: async (m) => { calls.push(['msg', m.type]); return { ok: true }; } },
    scripting: { executeScript: async (d) => { calls.push(['exec', d.target.tabId, d.target.allFrames, d.files]); } },
    tabs: { sendMessage: async (id, m) => { calls.push(['tab', id, m]); } },
    storage: { session: { get: async () => ({ ...session }), set: async (v) => { session = { ...session, ...v }; } } },
  };
}

test('origin patterns: one http(s) host, no other schemes', () => {
  assert.equal(originPattern('https://ehr.example.com:8443/notes/1?x=2'), 'https://ehr.example.com/*');
  assert.equal(originPattern('http://127.0.0.1:5000/a'), 'http://127.0.0.1/*');
  assert.equal(originPattern('chrome://extensions'), null);
  assert.equal(originPattern('file:///tmp/x.html'), null);
  assert.equal(originPattern('not a url'), null);
  assert.deepEqual(originsToRegister(['https://*/*', 'https://ehr.example.com/*', '<all_urls>']), ['https://ehr.example.com/*']);
  assert.equal(scriptIdFor('https://a.b/*'), 'sm:https://a.b/*');
});

test('enable asks for exactly this origin, registers and injects into the open tab', async () => {
  const api = fakeApi();
  const tab = { id: 7, url: 'https://ehr.example.com/chart' };
  assert.deepEqual(await getState(api, tab), { supported: true, pattern: 'https://ehr.example.com/*', host: 'ehr.example.com', enabled: false, hidden: false });
  assert.equal(await enable(api, tab), true);
  assert.deepEqual(api.calls, [['request', ['https://ehr.example.com/*']], ['msg', 'sync-registrations'], ['exec', 7, true, ['/content.js']]]);
  assert.equal((await getState(api, tab)).enabled, true);
});

test('a refused permission changes nothing', async () => {
  const api = fakeApi({ grant: false });
  assert.equal(await enable(api, { id: 1, url: 'https://x.org/' }), false);
  assert.deepEqual(api.calls, [['request', ['https://x.org/*']]]);
});

test('disable tears down the page, then removes the permission', async () => {
  const api = fakeApi();
  const tab = { id: 3, url: 'https://ehr.example.com/' };
  await enable(api, tab);
  api.calls.length = 0;
  await disable(api, tab);
  assert.deepEqual(api.calls, [['tab', 3, { type: 'disable' }], ['remove', ['https://ehr.example.com/*']], ['msg', 'sync-registrations']]);
  assert.equal((await getState(api, tab)).enabled, false);
});

test('hide is per tab', async () => {
  const api = fakeApi();
  await setHidden(api, { id: 4, url: 'https://a.org/' }, true);
  assert.equal((await getState(api, { id: 4, url: 'https://a.org/' })).hidden, true);
  assert.equal((await getState(api, { id: 5, url: 'https://a.org/' })).hidden, false);
  await setHidden(api, { id: 4, url: 'https://a.org/' }, false);
  assert.equal((await getState(api, { id: 4, url: 'https://a.org/' })).hidden, false);
});
