import { getState, enable, disable, setHidden } from './logic.js';

const api = globalThis.browser?.runtime?.id ? globalThis.browser : globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function render() {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  const st = await getState(api, tab);
  const toggle = $('toggle');
  if (!st.supported) {
    $('status').textContent = 'Skillmark works on http(s) pages only.';
    return;
  }
  $('site').textContent = st.host;
  $('status').textContent = st.enabled ? 'Checking notes on this site.' : 'Off on this site.';
  toggle.hidden = false;
  toggle.textContent = st.enabled ? 'Turn off for this site' : 'Turn on for this site';
  toggle.className = st.enabled ? 'off' : '';
  toggle.onclick = async () => {
    if (st.enabled) await disable(api, tab); else await enable(api, tab);
    render();
  };
  $('hideRow').hidden = !st.enabled;
  $('hide').checked = st.hidden;
  $('hide').onchange = () => setHidden(api, tab, $('hide').checked);
}

render();
