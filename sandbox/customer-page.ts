import QRCode from 'qrcode';
import { SIMULATED_WALLETS } from './wallets.js';
import type { OpenOrderCode } from './customer-simulator.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * GET /sandbox/customer: a phone-sized page listing the open MPM order codes
 * with their QR and a Pay button per wallet, plus a box to paste a merchant
 * QR payload (the till's offline QR). It posts to /sandbox/customer/pay.
 */
export async function renderCustomerPage(orders: OpenOrderCode[]): Promise<string> {
  const walletOptions = Object.entries(SIMULATED_WALLETS)
    .map(([id, wallet]) => `<option value="${id}">${escapeHtml(wallet.name)}</option>`)
    .join('');
  const cards = await Promise.all(
    orders.map(async (order) => {
      const svg = await QRCode.toString(order.qrPayload, { type: 'svg', margin: 1, width: 160 });
      return `<li class="order">${svg}
  <div><b>₩${order.amount.toLocaleString('ko-KR')}</b> ${escapeHtml(order.orderTitle)}<br>
  <small>terminal ${escapeHtml(order.terminalId)} · ${escapeHtml(order.paymentRequestId)} · expires ${escapeHtml(order.expiresAt)}</small><br>
  <button data-request="${escapeHtml(order.paymentRequestId)}" data-terminal="${escapeHtml(order.terminalId)}">Pay</button></div></li>`;
    }),
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sandbox customer phone</title>
<style>body{font:16px system-ui;margin:1rem;max-width:32rem}li.order{display:flex;gap:1rem;align-items:center;margin:1rem 0}
ul{list-style:none;padding:0}textarea{width:100%;height:5rem}#answer{white-space:pre-wrap;background:#f4f4f4;padding:.5rem}</style></head>
<body><h1>Customer phone (sandbox)</h1>
<label>Wallet <select id="wallet">${walletOptions}</select></label>
<h2>Open order codes</h2>
<ul>${cards.join('') || '<li>No open order codes. Create one at the till, then reload.</li>'}</ul>
<h2>Scan a merchant QR</h2>
<textarea id="payload" placeholder="paste the QR payload (000201...)"></textarea><button id="scan">Pay this QR</button>
<pre id="answer"></pre>
<script>
async function pay(body){body.wallet=document.getElementById('wallet').value;
const r=await fetch('/sandbox/customer/pay',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)});
document.getElementById('answer').textContent=JSON.stringify(await r.json(),null,2);}
for(const b of document.querySelectorAll('button[data-request]'))b.onclick=()=>pay({paymentRequestId:b.dataset.request,terminalId:b.dataset.terminal});
document.getElementById('scan').onclick=()=>pay({qrPayload:document.getElementById('payload').value.trim()});
</script></body></html>`;
}
