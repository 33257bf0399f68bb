// A placeholder page until the cashier UI lands: it proves the contract works
// end to end (info, status, live status events) over either transport.
import type { AppStatus } from '../../../src/api/schemas/app.js';
import { connectContractClient } from '../api-client.js';
import './placeholder.css';

const root = document.getElementById('app')!;

function line(text: string, className?: string): HTMLElement {
  const element = document.createElement('p');
  element.textContent = text;
  if (className) element.className = className;
  root.append(element);
  return element;
}

function describeStatus(status: AppStatus): string {
  const scanners = status.scanners.map((s) => `${s.deviceId} ${s.state}`).join(', ') || 'none';
  return `gateway ${status.gateway} · outbox ${status.outboxDepth} · printer ${status.printer.state} · scanners ${scanners}`;
}

async function main(): Promise<void> {
  const view = new URLSearchParams(window.location.search).get('view') ?? 'cashier';
  const client = connectContractClient();
  const info = await client['app.info']();
  if (info.mode === 'training') line('TRAINING', 'banner');
  line(`${info.name} ${info.version} · ${info.terminalId} · ${view}`, 'title');
  const status = line(describeStatus(await client['app.status']()), 'status');
  status.dataset.testid = 'status';
  client.on('status.changed', (next) => {
    status.textContent = describeStatus(next);
  });
}

main().catch((error: unknown) => {
  line(error instanceof Error ? error.message : String(error), 'error');
});
