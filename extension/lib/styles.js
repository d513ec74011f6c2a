// CSS of the extension's UI (inside its shadow root) and of the playground.
export const uiCss = `
:host { all: initial; }
.sm-layer { position: fixed; inset: 0; pointer-events: none; overflow: visible; z-index: 2147483646; }
.sm-mirror { position: fixed; visibility: hidden; pointer-events: none; }
.sm-field { position: fixed; left: 0; top: 0; width: 0; height: 0; pointer-events: none; overflow: visible; }
.sm-box { position: absolute; pointer-events: none; box-sizing: border-box; }
.sm-badge { position: fixed; pointer-events: auto; z-index: 2147483647; font: 600 11px/1 system-ui, sans-serif;
  border: 1px solid #555; border-radius: 10px; padding: 3px 7px; background: #fff; color: #222; cursor: pointer;
  box-shadow: 0 1px 3px rgba(0,0,0,.25); }
.sm-badge.bad { border-color: #D55E00; }
.sm-badge.paused { border-color: #8a6d00; background: #fff8db; color: #5c4700; }
.sm-notice { margin: 0 0 8px; padding: 6px 8px; border-left: 3px solid #8a6d00; background: #fff8db; color: #3d2f00; }
.sm-badge:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
[popover] { margin: 0; position: fixed; inset: auto; border: 1px solid #888; border-radius: 8px; padding: 10px 12px;
  background: #fff; color: #1a1a1a; font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 6px 24px rgba(0,0,0,.22);
  max-width: 380px; max-height: min(70vh, 560px); overflow: auto; }
.sm-panel { width: 340px; }
.sm-head { display: flex; align-items: center; gap: 6px; margin-bottom: 6px; }
.sm-head .sm-x { margin-left: auto; }
.sm-x { border: 0; background: transparent; font-size: 18px; line-height: 1; cursor: pointer; color: #444; padding: 0 4px; }
.sm-stale { color: #666; font-size: 11px; }
.sm-sub { font-size: 12px; margin: 8px 0 4px; }
.sm-checklist { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 2px 10px; }
.sm-check { display: flex; align-items: center; gap: 5px; }
.sm-check.ok .sm-check-mark { color: #009E73; font-weight: 700; }
.sm-check.no .sm-check-mark { color: #D55E00; font-weight: 700; }
.sm-swatch { display: inline-block; width: 16px; height: 9px; flex: none; }
.sm-findings { list-style: none; padding: 0; margin: 0; }
.sm-finding-btn { display: grid; grid-template-columns: 18px 1fr; gap: 0 4px; width: 100%; text-align: left; border: 0;
  border-top: 1px solid #eee; background: transparent; padding: 5px 2px; font: inherit; color: inherit; cursor: pointer; }
.sm-finding-btn:hover, .sm-finding-btn:focus-visible { background: #f1f6fb; }
.sm-src { grid-column: 2; color: #555; font-size: 11px; }
.sm-sev { font-weight: 700; }
.sm-legend { display: flex; flex-direction: column; gap: 3px; font-size: 12px; }
.sm-legend-item, .sm-legend-shade { display: flex; align-items: center; gap: 6px; }
.sm-legend-box { margin-top: 8px; }
.sm-source { color: #444; font-size: 12px; margin: 4px 0; }
.sm-src-cite { font-weight: 600; }
.sm-sugg { border: 1px solid #cfd8e3; background: #f7f9fc; border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
.sm-sugg-title { font-weight: 600; font-size: 12px; margin-bottom: 3px; }
.sm-sugg-pre { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; }
.sm-ph { background: #fff1c2; color: #5b4300; border: 1px dashed #b58900; border-radius: 3px; padding: 0 1px; }
.sm-hint { color: #555; font-size: 11px; margin-top: 3px; }
.sm-actions { display: flex; gap: 6px; margin-top: 6px; }
.sm-actions button { font: inherit; padding: 3px 10px; border-radius: 5px; border: 1px solid #888; background: #fff; cursor: pointer; }
.sm-actions .sm-primary { background: #0072B2; border-color: #0072B2; color: #fff; }
.sm-actions button:focus-visible { outline: 2px solid #E69F00; outline-offset: 1px; }
.sm-status { font-size: 12px; color: #7a3300; margin-top: 4px; min-height: 0; }
.sm-md h4 { margin: 6px 0 2px; font-size: 12px; }
.sm-md p { margin: 3px 0; }
.sm-md pre { background: #f3f3f3; padding: 4px 6px; white-space: pre-wrap; font-size: 12px; }
.sm-docs summary, .sm-legend-box summary { cursor: pointer; color: #0b5394; font-size: 12px; }
.sm-draft-btn { font: inherit; font-size: 12px; margin-top: 8px; padding: 3px 10px; border-radius: 5px; border: 1px solid #0072B2;
  background: #fff; color: #0b5394; cursor: pointer; }
.sm-draft-btn:focus-visible { outline: 2px solid #E69F00; outline-offset: 1px; }
.sm-draft-row { display: flex; flex-wrap: wrap; gap: 0 6px; }
.sm-trend { font-size: 11px; font-weight: 600; border-radius: 9px; padding: 1px 8px; border: 1px solid currentColor; }
.sm-trend-progress { color: #00704f; } .sm-trend-mixed { color: #8a5a00; } .sm-trend-plateau { color: #555; }
.sm-trend-regression { color: #b24a00; } .sm-trend-unknown { color: #555; }
.sm-draft-pre { font-family: inherit; font-size: 13px; line-height: 1.5; }
.sm-facts { margin: 0; padding-left: 18px; font-size: 12px; }
.sm-fact-note { color: #555; }
.sm-review { font-size: 12px; }
`;
