import { fontFaceCss } from './fonts.js';

/**
 * The dashboard's one stylesheet (served as a file: the CSP refuses inline
 * styles). The till's palette and type; phone first: one column, tables that
 * scroll sideways, touch-sized controls, wider layout from 48rem up.
 */
export const DASHBOARD_CSS = `${fontFaceCss()}
:root{--ink:#1b1f24;--muted:#5f6b7a;--line:#d5dbe3;--panel:#f5f7fa;--accent:#1565c0;--ok:#2e7d32;--warn:#ef6c00;--bad:#c62828;
font-family:'Noto Sans KR','Noto Sans SC',system-ui,sans-serif;color:var(--ink);background:#fff;-webkit-text-size-adjust:100%}
:root:lang(zh){font-family:'Noto Sans SC','Noto Sans KR',system-ui,sans-serif}
*{box-sizing:border-box}
body{margin:0;line-height:1.45}
a{color:var(--accent)}
header{background:var(--panel);border-bottom:1px solid var(--line);padding:.5rem .75rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
header .brand{font-weight:700;margin-right:auto}
header form{display:flex;gap:.25rem;align-items:center;margin:0}
nav{display:flex;flex-wrap:wrap;gap:.25rem;padding:.25rem .75rem;border-bottom:1px solid var(--line)}
nav a{padding:.5rem .6rem;border-radius:6px;text-decoration:none}
nav a[aria-current=page]{background:var(--accent);color:#fff}
.langs a{padding:.25rem .4rem}
.langs a[aria-current=true]{font-weight:700;text-decoration:none;color:var(--ink)}
main{padding:.75rem;max-width:72rem;margin:0 auto}
h1{font-size:1.3rem;margin:.25rem 0 .75rem}
h2{font-size:1.1rem;margin:1.25rem 0 .5rem}
button,input,select{font:inherit;min-height:2.5rem;border:1px solid var(--line);border-radius:6px;padding:.4rem .6rem;background:#fff}
button{cursor:pointer;touch-action:manipulation}
button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{padding:.35rem .5rem;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap}
td.num,th.num{text-align:right}
tr.total td{font-weight:700;border-top:2px solid var(--ink)}
.muted{color:var(--muted)}
.bad{color:var(--bad)}
.ok{color:var(--ok)}
.warn{color:var(--warn)}
.notice{background:#fff8e1;border:1px solid #ffe082;border-radius:6px;padding:.5rem .75rem}
.error{background:#ffebee;border:1px solid #ef9a9a;border-radius:6px;padding:.5rem .75rem}
.toolbar{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
.toolbar form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0}
.login{max-width:22rem;margin:3rem auto;padding:0 .75rem}
.login label{display:block;margin:.75rem 0 .25rem}
.login input{width:100%}
.login button{width:100%;margin-top:1rem}
svg.chart{width:100%;height:auto;max-height:16rem}
svg.chart text{font-size:11px;fill:var(--muted)}
svg.chart rect{fill:var(--accent)}
@media (min-width:48rem){main{padding:1rem 1.5rem}.cards{display:grid;grid-template-columns:repeat(2,1fr);gap:1rem}}
`;
