import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBridgeServer } from '../../main/browser/bridge-server.js';
import { type ServiceSet, compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { DEFAULT_OWNER_PIN } from '../../main/services/staff-store.js';
import { createDispatcher } from '../../src/api/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { silentLogger } from '../../src/platform/logger.js';

/**
 * Attacks on the browser bridge of a real composed till (issue 14 point 3),
 * for the `attacks` check: malformed WebSocket frames from any local process
 * (accepted = the bridge stopped answering afterwards; it once crashed the
 * till), the customer display's token used for cashier methods
 * (accepted = the call was served), and the cashier's own token marking an
 * offline QR paid without a manager's PIN (accepted = the tender left `created`).
 */
type Tally = Record<string, { tried: number; accepted: number }>;

/** A client frame: FIN + `opcode`, masked unless told otherwise, with a 64-bit length when claimed. */
function frame(opcode: number, payload: Buffer, { masked = true, claimLength }: { masked?: boolean; claimLength?: number } = {}): Buffer {
  const length = claimLength ?? payload.length;
  const long = Buffer.alloc(8);
  long.writeBigUInt64BE(BigInt(length));
  const header = length < 126 ? Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | length]) : Buffer.concat([Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 127]), long]);
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  return Buffer.concat([header, mask, Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))]);
}

const BAD_FRAMES: Record<string, () => Buffer> = {
  oversize: () => frame(0x1, Buffer.alloc(16), { claimLength: 1 << 20 }),
  unmasked: () => frame(0x1, Buffer.from('{"type":"auth"}'), { masked: false }),
  'reserved opcode': () => frame(0x3, Buffer.from('x')),
  'fragmented control frame': () => Buffer.from([0x09, 0x80, 1, 2, 3, 4]),
  garbage: () => randomBytes(64),
};

/** Upgrades /events on a raw socket, sends `bad`, and resolves when the bridge has closed it (or after 3 s). */
async function sendBadFrame(port: number, token: string, bad: Buffer): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  const upgraded = new Promise<void>((resolve) => socket.once('data', () => resolve()));
  socket.write(
    [`GET /events?token=${token} HTTP/1.1`, `Host: 127.0.0.1:${port}`, `Origin: http://127.0.0.1:${port}`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13', '', ''].join('\r\n'),
  );
  await upgraded;
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.write(bad);
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 3_000))]);
  socket.destroy();
}

/** The cashier's methods a display must never reach, with inputs that would otherwise be served. */
const CASHIER_CALLS: Array<[string, unknown]> = [
  ['checkout.settleOfflineQr', { customerPaid: true, managerPin: '2222' }],
  ['checkout.payByCode', { code: '134728953980228598' }],
  ['settings.update', { mute: true }],
  ['history.list', {}],
  ['staff.list', {}],
  ['closeout.x', {}],
  ['training.receipts', {}],
];

const CASHIER_PIN = '7373';

/** "The customer paid" with no PIN, a cashier's, wrong ones, or a PIN smuggled in another shape. */
const UNVOUCHED_SETTLEMENTS: unknown[] = [
  { customerPaid: true },
  { customerPaid: true, managerPin: CASHIER_PIN },
  { customerPaid: true, managerPin: '0001' },
  { customerPaid: true, managerPin: '1234' },
  { customerPaid: 'true', managerPin: DEFAULT_OWNER_PIN.slice(1) },
  { customerPaid: true, pin: CASHIER_PIN },
  { customerPaid: 1 },
];

/** With the gateway down and an offline QR on the display, the cashier window tries to mark it paid alone. */
async function unvouchedOfflineQr(services: ServiceSet, call: (method: string, input: unknown) => Promise<Response>, tally: Tally, problems: string[]): Promise<void> {
  const { till } = services;
  await till.staff.save({ ownerPin: DEFAULT_OWNER_PIN, staffId: 'lee', name: 'Lee', role: 'cashier', pin: CASHIER_PIN });
  await till.training!.gateway.setRunning(false);
  const line = { name: '김밥', unitPrice: 3_500, quantity: 1, tax: 'taxable' };
  // A cash sale's upload fails until the till calls itself offline; then F3 shows the till's own QR.
  await call('checkout.addLine', line);
  await call('checkout.cash', { tendered: 5_000 });
  for (let i = 0; i < 5 && till.engine.sync.status().connectivity !== 'offline'; i++) await till.engine.sync.syncOnce();
  await call('checkout.dismiss', {});
  await call('checkout.addLine', line);
  await call('checkout.showQr', {});
  const tenderId = till.checkout.state().tender?.tenderId;
  if (till.checkout.state().tender?.method !== 'mpm-offline' || !tenderId) throw new Error('offline-qr-unvouched: the till showed no offline QR to attack');
  const counts = (tally['offline-qr-unvouched'] = { tried: 0, accepted: 0 });
  for (const input of UNVOUCHED_SETTLEMENTS) {
    counts.tried++;
    const answer = (await (await call('checkout.settleOfflineQr', input)).json()) as { ok?: boolean };
    const state = till.engine.store.tender(tenderId)?.state;
    if (answer.ok === true || state !== 'created') {
      counts.accepted++;
      problems.push(`offline-qr-unvouched: ${JSON.stringify(input)} left the offline QR ${state}`);
    }
  }
}

/** Runs the frame, display-token and offline-QR attacks against one till's bridge. */
export async function bridgeAttacks(tally: Tally, problems: string[]): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'pos-bridge-attacks-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>till</title>');
  const services = await compose(await loadPosConfig(join(root, 'data')), { logger: silentLogger, clock: new ManualClock(), appVersion: '0.0.0', validateContract: true });
  const dispatcher = createDispatcher({ handlers: contractHandlers(services), validateResults: true, logger: silentLogger });
  const bridge = await startBridgeServer({ dispatcher, events: services.events, rendererDir: root, logger: silentLogger });
  const call = (method: string, input: unknown, token: string) =>
    fetch(`${bridge.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ input }) });
  try {
    const frames = (tally['malformed-frames'] = { tried: 0, accepted: 0 });
    for (const [name, bad] of Object.entries(BAD_FRAMES)) {
      for (let i = 0; i < 3; i++) {
        frames.tried++;
        await sendBadFrame(bridge.port, bridge.token, bad());
        const alive = await call('app.info', {}, bridge.token).then((r) => r.status === 200, () => false);
        if (!alive) {
          frames.accepted++;
          problems.push(`malformed-frames: the bridge stopped answering after ${name}`);
        }
      }
    }
    const display = new URL(bridge.displayUrl).hash.replace(/^#token=/, '');
    const escalation = (tally['display-token-escalation'] = { tried: 0, accepted: 0 });
    for (const [method, input] of CASHIER_CALLS) {
      escalation.tried++;
      // Anything but 403 means the call got past the role check (even a refusal of its input).
      const status = (await call(method, input, display)).status;
      if (status !== 403) {
        escalation.accepted++;
        problems.push(`display-token-escalation: the display's token reached ${method} (HTTP ${status})`);
      }
    }
    await unvouchedOfflineQr(services, (method, input) => call(method, input, bridge.token), tally, problems);
  } finally {
    await bridge.close();
    await services.close();
    rmSync(root, { recursive: true, force: true });
  }
}
