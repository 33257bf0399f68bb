import { type KeyObject, randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type SandboxGateway, startSandboxGateway } from '../../sandbox/index.js';
import { SIGNATURE_WINDOW_MS, publicKeyToBase64, signRequest } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { startBenchSandbox } from '../lib/bench-sandbox.js';
import { type CheckReport, elapsed, report } from './check-report.js';
import { uploadChain } from '../../test/helpers/upload-chain.js';

/**
 * Check (f): signature and replay attacks against the gateway. Each attack
 * is a request a thief or a broken proxy could send: a forged or tampered
 * signature, a stale or future timestamp, a replayed nonce (also after a
 * gateway restart), an unknown terminal, the wrong key, missing headers, a
 * registration hijack without the enrollment code. Every one must be
 * refused (HTTP 401/403) and none may move money. `accepted` must be 0.
 */

/** The gateway under attack: a registered terminal and its key. */
export interface AttackTarget {
  url: string;
  terminalId: string;
  key: KeyObject;
  /** A paid payment of that terminal, for refund and cancel attacks. */
  paidRequestId: string;
  /** Restarts the gateway on the same state; resolves with its URL. */
  restart?: () => Promise<string>;
  /** The shop's enrollment code for new terminals (default the sandbox's). */
  shopCode?: string;
  /** Issues a one-time re-key code for the terminal (re-keys it when used: run last). */
  oneTimeCode?: () => string;
  /** Ledger entries so far: an attack that changes this moved money. */
  moneyMovements?: () => number;
}

interface Plain {
  op: string;
  method: 'GET' | 'POST';
  path: string;
  body: string;
}

interface Sent extends Plain {
  headers: Record<string, string>;
}

export interface AttackTally {
  tried: number;
  accepted: number;
  /** Refused, but with another code than the protocol names for that attack (informative). */
  otherCode: number;
  byAttack: Record<string, { tried: number; accepted: number }>;
  problems: string[];
}

const json = (value: unknown) => JSON.stringify(value);

/** One legitimate request per operation an attacker would target. */
function requests(target: AttackTarget): Plain[] {
  const id = () => `ATK-${randomUUID().slice(0, 18)}`;
  const amount = (value: string) => ({ currency: 'KRW', value });
  return [
    {
      op: 'pay',
      method: 'POST',
      path: '/v1/payments/pay',
      body: json({
        paymentRequestId: id(),
        amount: amount('4500'),
        paymentCode: '134728953980227777',
        orderTitle: 'Americano',
      }),
    },
    {
      op: 'refund',
      method: 'POST',
      path: '/v1/refunds',
      body: json({
        refundRequestId: id(),
        paymentRequestId: target.paidRequestId,
        amount: amount('100'),
      }),
    },
    {
      op: 'cancel',
      method: 'POST',
      path: '/v1/payments/cancel',
      body: json({ paymentRequestId: target.paidRequestId, reason: 'VOID' }),
    },
    {
      op: 'inquiry',
      method: 'POST',
      path: '/v1/payments/inquiry',
      body: json({ paymentRequestId: target.paidRequestId }),
    },
    {
      op: 'journalBatch',
      method: 'POST',
      path: '/v1/journal/batch',
      body: json({
        // A real chain link: the gateway checks each record's hash and prevHash (issue 14 point 5).
        records: uploadChain([{ kind: 'cash.in', body: { amount: 1000 } }]),
      }),
    },
    { op: 'settlement', method: 'GET', path: '/v1/settlements/2026-01-05', body: '' },
    { op: 'events', method: 'GET', path: '/v1/events?lastEventId=0', body: '' },
  ];
}

/** The same request with something an attacker changed after signing. */
function tamper(plain: Plain): Plain {
  if (plain.method === 'GET')
    return { ...plain, path: plain.path.replace(/\d$/, (d) => String((Number(d) + 1) % 10)) };
  const body = plain.body
    .replace(/"value":"(\d+)"/, '"value":"9$1"')
    .replace('"VOID"', '"CASHIER_ABORT"')
    .replace(/"seq":1/, '"seq":2');
  // Nothing to raise or swap (an inquiry): point it at another payment.
  return { ...plain, body: body !== plain.body ? body : plain.body.replace(/"}$/, 'X"}') };
}

function sign(
  plain: Plain,
  key: KeyObject,
  terminalId: string,
  now = Date.now(),
  nonce?: string,
): Sent {
  const headers = signRequest(
    key,
    terminalId,
    { method: plain.method, pathWithQuery: plain.path, body: plain.body },
    now,
    nonce,
  );
  return { ...plain, headers: { ...headers } };
}

/** Sends a request and returns its HTTP status and result code (an event stream is closed at once). */
async function send(url: string, request: Sent): Promise<{ status: number; code: string }> {
  const controller = new AbortController();
  const response = await fetch(url + request.path, {
    method: request.method,
    headers: {
      ...request.headers,
      ...(request.method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    body: request.method === 'POST' ? request.body : undefined,
    signal: controller.signal,
  });
  if ((response.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    controller.abort();
    return { status: response.status, code: 'EVENT_STREAM' };
  }
  const text = await response.text();
  let code = '';
  try {
    code = (JSON.parse(text) as { result?: { code?: string } }).result?.code ?? '';
  } catch {
    code = `not JSON: ${text.slice(0, 40)}`;
  }
  return { status: response.status, code };
}

/** Runs every attack against `target`; a refusal is HTTP 401 or 403. */
export async function attackGateway(target: AttackTarget): Promise<AttackTally> {
  const tally: AttackTally = { tried: 0, accepted: 0, otherCode: 0, byAttack: {}, problems: [] };
  const attacker = generateTerminalKey();
  let url = target.url;
  const attempt = async (attack: string, request: Sent, expected: string) => {
    const answer = await send(url, request);
    const counts = (tally.byAttack[attack] ??= { tried: 0, accepted: 0 });
    tally.tried++;
    counts.tried++;
    if (answer.status !== 401 && answer.status !== 403) {
      tally.accepted++;
      counts.accepted++;
      tally.problems.push(
        `${attack} on ${request.op}: accepted (HTTP ${answer.status} ${answer.code})`,
      );
    } else if (answer.code !== expected) tally.otherCode++;
  };

  // Originals for the replays: legitimate requests, sent once before anything is counted.
  const originals: Sent[] = [];
  for (const plain of requests(target)) {
    const original = sign(plain, target.key, target.terminalId);
    const answer = await send(url, original);
    if (answer.status !== 200)
      tally.problems.push(`legitimate ${plain.op} refused: HTTP ${answer.status} ${answer.code}`);
    originals.push(original);
  }
  const movementsBefore = target.moneyMovements?.();

  for (const plain of requests(target)) {
    const good = () => sign(plain, target.key, target.terminalId);
    const forged = good();
    forged.headers['X-Signature'] = randomBytes(64).toString('base64');
    await attempt('bad-signature', forged, 'SIGNATURE_INVALID');
    await attempt(
      'tampered-request',
      { ...tamper(plain), headers: good().headers },
      'SIGNATURE_INVALID',
    );
    await attempt(
      'stale-timestamp',
      sign(plain, target.key, target.terminalId, Date.now() - SIGNATURE_WINDOW_MS - 60_000),
      'TIMESTAMP_OUT_OF_WINDOW',
    );
    await attempt(
      'future-timestamp',
      sign(plain, target.key, target.terminalId, Date.now() + SIGNATURE_WINDOW_MS + 60_000),
      'TIMESTAMP_OUT_OF_WINDOW',
    );
    await attempt(
      'unknown-terminal',
      sign(plain, attacker, 'NOT-REGISTERED-9'),
      'SIGNATURE_INVALID',
    );
    await attempt('wrong-key', sign(plain, attacker, target.terminalId), 'SIGNATURE_INVALID');
    for (const header of ['X-Terminal-Id', 'X-Timestamp', 'X-Nonce', 'X-Signature']) {
      const stripped = good();
      delete stripped.headers[header];
      await attempt('missing-header', stripped, 'SIGNATURE_INVALID');
    }
  }
  for (const original of originals) {
    await attempt('replayed-nonce', original, 'NONCE_REPLAYED');
    const nonce = original.headers['X-Nonce']!;
    await attempt(
      'replayed-nonce-resigned',
      sign(original, target.key, target.terminalId, Date.now(), nonce),
      'NONCE_REPLAYED',
    );
  }
  if (target.restart) {
    url = await target.restart();
    for (const original of originals)
      await attempt('replayed-after-restart', original, 'NONCE_REPLAYED');
  }
  // Registering the shop's terminal id with the thief's key, without the enrollment code.
  const hijack: Plain = {
    op: 'register',
    method: 'POST',
    path: '/v1/terminals/register',
    body: json({
      terminalId: target.terminalId,
      publicKey: publicKeyToBase64(attacker),
      enrollmentCode: 'GUESS-1234',
    }),
  };
  await attempt(
    'registration-hijack',
    sign(hijack, attacker, target.terminalId),
    'ENROLLMENT_CODE_INVALID',
  );
  // The incident: the shop's (reusable) enrollment code re-keyed a live terminal.
  const withShopCode = { ...hijack, body: hijack.body.replace('GUESS-1234', target.shopCode ?? 'SANDBOX') };
  await attempt('re-registration-shop-code', sign(withShopCode, attacker, target.terminalId), 'ENROLLMENT_CODE_INVALID');
  // A one-time code works once: the second thief who saw it is refused.
  if (target.oneTimeCode) {
    const code = target.oneTimeCode();
    const first = generateTerminalKey();
    const rekey = (key: KeyObject) => ({
      ...hijack,
      body: json({ terminalId: target.terminalId, publicKey: publicKeyToBase64(key), enrollmentCode: code }),
    });
    const used = await send(url, sign(rekey(first), first, target.terminalId));
    if (used.status !== 200) tally.problems.push(`a fresh one-time code was refused: ${used.code}`);
    await attempt('re-registration-used-code', sign(rekey(attacker), attacker, target.terminalId), 'ENROLLMENT_CODE_INVALID');
  }
  const movementsAfter = target.moneyMovements?.();
  if (movementsBefore !== movementsAfter)
    tally.problems.push(
      `the attacks moved money: ledger entries ${movementsBefore} → ${movementsAfter}`,
    );
  return tally;
}

/** Starts a sandbox, pays one payment for the refund and cancel attacks, and attacks it. */
export async function runSignatureAttacks(): Promise<CheckReport> {
  const started = performance.now();
  const terminalId = 'SHOP-TILL-01';
  const sandbox = await startBenchSandbox('pos-attacks-', terminalId);
  let gateway: SandboxGateway = sandbox.gateway;
  try {
    const paidRequestId = 'ATK-PAID-000001';
    const paid = await sandbox.client.pay({
      paymentRequestId: paidRequestId,
      amount: { currency: 'KRW', value: '4500' },
      paymentCode: '134728953980221111',
      orderTitle: 'Latte',
    });
    if (paid.result.status !== 'S') throw new Error(`setup pay answered ${paid.result.code}`);
    const tally = await attackGateway({
      url: gateway.url,
      terminalId,
      key: sandbox.key,
      paidRequestId,
      moneyMovements: () => gateway.ledger().entries.length,
      oneTimeCode: () => gateway.issueEnrollmentCode(terminalId),
      restart: async () => {
        await gateway.close();
        gateway = await startSandboxGateway({ dbPath: join(sandbox.dir, 'sandbox.db') });
        return gateway.url;
      },
    });
    const { problems, ...counts } = tally;
    return report('signature_replay_attacks', counts, problems, elapsed(started));
  } finally {
    await gateway.close();
    await sandbox.close();
  }
}
