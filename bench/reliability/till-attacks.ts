import { generateKeyPairSync } from 'node:crypto';
import { type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { classifyScan } from '../../src/codes/index.js';
import { GuardedStaffDirectory, memoryPinAttempts } from '../../src/payments/pin-guard.js';
import { StaffList, hashPin } from '../../src/payments/roles.js';
import { ManualClock } from '../../src/platform/clock.js';
import { ANSWER_HEADERS, signAnswer } from '../../src/relay/answer-signing.js';
import { gatewayUrlProblem } from '../../src/relay/gateway-url.js';
import { type CheckReport, elapsed, report } from './check-report.js';
import { bridgeAttacks } from './bridge-attacks.js';
import { csvFormulaAttacks, journalAttacks, zForgeryAttacks } from './journal-attacks.js';
import { projectionAttacks } from './projection-attacks.js';
import { renderBombAttacks } from './render-bombs.js';
import { fakeStreamAttacks } from './stream-attacks.js';
import { attackedTill } from './attacked-till.js';

/**
 * Check (f), second half: attacks on what the till *believes* and accepts
 * (issue 14). Each attack is tried several times and counted accepted when
 * the till takes the bait: a forged, unsigned or mismatched approval read as
 * approved, a plain-http or credentialed gateway URL allowed in live mode, a
 * brute-forced PIN found, a crafted over-long code classified, a render bomb
 * drawn, a malformed WebSocket frame that stops the bridge, the display's
 * token served a cashier method, a tampered payment table or a forged Z
 * that `journal verify` does not name, a fake event stream read as the
 * gateway reached. `accepted`
 * must be 0 for every attack.
 */

type Tally = Record<string, { tried: number; accepted: number }>;

const gatewayKey = generateKeyPairSync('ed25519').privateKey;
const otherKey = generateKeyPairSync('ed25519').privateKey;

type Twist = 'unsigned' | 'forged' | 'stale' | 'replayed' | 'other-id' | 'other-amount' | 'other-currency';

/** The fake gateway of the incident: SUCCESS for whatever it likes, signed or not. */
function answerWith(res: ServerResponse, twist: Twist, request: { paymentRequestId: string; amount: { currency: string; value: string } }) {
  const payment = {
    paymentId: 'p-1',
    paymentRequestId: twist === 'other-id' ? 'SOMEONE-ELSE-01' : request.paymentRequestId,
    status: 'SUCCESS',
    scenario: 'CPM',
    amount:
      twist === 'other-amount'
        ? { currency: request.amount.currency, value: '1' }
        : twist === 'other-currency'
          ? { currency: 'CNY', value: request.amount.value }
          : request.amount,
    createdAt: '2026-01-05T01:00:00.000Z',
  };
  const text = JSON.stringify({ result: { status: 'S', code: 'SUCCESS', message: 'paid' }, payment });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (twist !== 'unsigned') {
    const signed = signAnswer(
      twist === 'forged' ? otherKey : gatewayKey,
      {
        status: '200',
        method: res.req.method ?? 'POST',
        pathWithQuery: res.req.url ?? '',
        requestId: twist === 'replayed' ? 'f'.repeat(32) : String(res.req.headers['x-nonce']),
        body: text,
      },
      twist === 'stale' ? Date.now() - 10 * 60_000 : Date.now(),
    );
    headers[ANSWER_HEADERS.timestamp] = signed.timestamp;
    headers[ANSWER_HEADERS.signature] = signed.signature;
    headers[ANSWER_HEADERS.keyId] = signed.keyId;
  }
  res.writeHead(200, headers);
  res.end(text);
}

async function answerAttacks(tally: Tally, problems: string[]): Promise<void> {
  let twist: Twist = 'unsigned';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      // A till that sees another key id asks GET /v1/gateway/keys (no body): answer it the same way.
      const text = Buffer.concat(chunks).toString('utf8');
      const request = text ? (JSON.parse(text) as Parameters<typeof answerWith>[2]) : { paymentRequestId: 'none', amount: { currency: 'KRW', value: '0' } };
      answerWith(res, twist, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = attackedTill(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, gatewayKey);
  const attacks: Array<[string, Twist]> = [
    ['unsigned-answer', 'unsigned'],
    ['forged-answer', 'forged'],
    ['stale-answer', 'stale'],
    ['replayed-answer', 'replayed'],
    ['mismatched-approval-id', 'other-id'],
    ['mismatched-approval-amount', 'other-amount'],
    ['mismatched-approval-currency', 'other-currency'],
  ];
  try {
    for (const [attack, chosen] of attacks) {
      twist = chosen;
      for (let i = 0; i < 5; i++) {
        const counts = (tally[attack] ??= { tried: 0, accepted: 0 });
        counts.tried++;
        const believed = await client
          .pay({ paymentRequestId: `ATK-${attack}-${i}`.slice(0, 64), amount: { currency: 'KRW', value: '250000' }, paymentCode: '134728953980227777', orderTitle: 'Attack' })
          .then((answer) => answer.result.status === 'S', () => false);
        if (believed) {
          counts.accepted++;
          problems.push(`${attack}: the till read a fake approval as approved`);
        }
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function gatewayUrlAttacks(tally: Tally, problems: string[]): void {
  const urls = ['http://relay.example/', 'http://192.168.0.10:8787/', 'https://user:pw@relay.example/', 'ftp://relay.example/', 'http://127.0.0.1.evil.example/'];
  const counts = (tally['http-gateway'] = { tried: 0, accepted: 0 });
  for (const url of urls) {
    counts.tried++;
    if (gatewayUrlProblem(url) === undefined) {
      counts.accepted++;
      problems.push(`http-gateway: live mode would send payments to ${url}`);
    }
  }
}

async function pinBruteForce(tally: Tally, problems: string[]): Promise<void> {
  const clock = new ManualClock();
  const staff = new GuardedStaffDirectory(new StaffList([{ staffId: 'owner', name: 'Owner', role: 'owner', pinHash: hashPin('731904') }]), memoryPinAttempts(), clock);
  const counts = (tally['pin-brute-force'] = { tried: 0, accepted: 0 });
  // Every 6-digit PIN up to the real one, as fast as the till lets (one try per second of till time).
  for (let pin = 0; pin <= 731_904 && counts.tried < 3_000; pin++) {
    counts.tried++;
    try {
      if (await staff.findByPin(String(pin).padStart(6, '0'))) {
        counts.accepted++;
        problems.push('pin-brute-force: the PIN was found');
        break;
      }
    } catch {
      // locked or waiting: the attacker waits a second and goes on
    }
    clock.advance(1_000);
  }
}

function longCodes(tally: Tally, problems: string[]): void {
  const counts = (tally['crafted-long-code'] = { tried: 0, accepted: 0 });
  for (const length of [513, 600, 1_000, 4_096]) {
    for (const code of [`13${'4'.repeat(length - 6)}7777`, `000201${'0'.repeat(length - 6)}`, `ZP${'1'.repeat(length - 2)}`]) {
      counts.tried++;
      try {
        classifyScan(code);
        counts.accepted++;
        problems.push(`crafted-long-code: a ${code.length}-character code was classified`);
      } catch {
        // refused: right
      }
    }
  }
}

/** Runs every till-side attack; one report line with tried / accepted per attack. */
export async function runTillAttacks(): Promise<CheckReport> {
  const started = performance.now();
  const tally: Tally = {};
  const problems: string[] = [];
  await answerAttacks(tally, problems);
  gatewayUrlAttacks(tally, problems);
  await pinBruteForce(tally, problems);
  longCodes(tally, problems);
  journalAttacks(tally, problems);
  await projectionAttacks(tally, problems);
  zForgeryAttacks(tally, problems);
  csvFormulaAttacks(tally, problems);
  renderBombAttacks(tally, problems);
  await bridgeAttacks(tally, problems);
  await fakeStreamAttacks(tally, problems);
  const tried = Object.values(tally).reduce((sum, t) => sum + t.tried, 0);
  const accepted = Object.values(tally).reduce((sum, t) => sum + t.accepted, 0);
  return report('till_attacks', { tried, accepted, byAttack: tally }, problems, elapsed(started));
}

/** One `attacks` line from the gateway-side and till-side reports: tried / accepted overall and per attack. */
export function combineAttacks(...reports: CheckReport[]): CheckReport {
  const byAttack = Object.assign({}, ...reports.map((r) => r.byAttack as Tally)) as Tally;
  const sum = (key: 'tried' | 'accepted') => reports.reduce((total, r) => total + Number(r[key] ?? 0), 0);
  return report(
    'attacks',
    { tried: sum('tried'), accepted: sum('accepted'), byAttack },
    reports.flatMap((r) => r.problems),
    reports.reduce((total, r) => total + r.seconds, 0),
  );
}
