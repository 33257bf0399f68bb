import type { KeyObject } from 'node:crypto';
import { FAULT_KINDS, type FaultKind, type SandboxGateway } from '../../sandbox/index.js';
import { RELAY_OPERATIONS, type RelayOperationName } from '../../src/relay/operations.js';
import type { GatewayEvent } from '../../src/relay/protocol.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { startBenchSandbox } from '../lib/bench-sandbox.js';
import { type CheckReport, elapsed, report } from './check-report.js';
import { type LedgerView, auditLedger } from './ledger-audit.js';
import {
  MATRIX_LATE_REPORTS,
  type MatrixOperation,
  type Outcome,
  SCENES,
  type SceneContext,
} from './matrix-scenarios.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

/**
 * Check (b): the gateway fault matrix. Every fault the sandbox can inject
 * (sandbox/faults.ts) against every money and sync operation, through the
 * real RelayClient over loopback. Each cell records what the faulted call
 * answered (S, F, U or unreachable), lets the till recover the way the
 * protocol says, replays the request with the same idempotency key, and
 * finally the sandbox's books are audited: one charge per paid payment,
 * nothing kept for a cancelled one, each refund once, nothing left unknown.
 * Event-stream faults (duplicates, out of order) are checked on what the
 * client delivers: every final state arrives, and no event twice.
 */

const EVENT_FAULTS: ReadonlySet<FaultKind> = new Set(['duplicate-events', 'out-of-order-events']);

export interface MatrixOptions {
  faults?: readonly FaultKind[];
  operations?: readonly MatrixOperation[];
  /** Client timeout for every operation, ms; the `timeout` fault holds answers longer. */
  timeoutMs?: number;
  /** How long event-fault cells wait for the stream to deliver every final state. */
  eventWaitMs?: number;
  /** A gateway to test instead of a fresh sandbox (tests plant a faulty one). */
  gateway?: SandboxGateway;
}

interface CellResult {
  outcome: Outcome;
  code: string;
  problems: string[];
  eventDuplicates: number;
  eventsMissing: number;
  eventsDelivered: number;
}

/** Runs every fault kind × operation cell and audits the ledger. */
export async function runGatewayMatrix(options: MatrixOptions = {}): Promise<CheckReport> {
  const started = performance.now();
  const faults = options.faults ?? FAULT_KINDS;
  const operations = options.operations ?? (Object.keys(SCENES) as MatrixOperation[]);
  // WeChat Pay's earliest reverse, kept but shortened so that waiting it out costs a cell 0.3 s,
  // not 15 (the chaos run does the same).
  const sandbox = options.gateway
    ? undefined
    : await startBenchSandbox('pos-matrix-', 'T01', { earliestCancelMs: 300, lateReports: MATRIX_LATE_REPORTS });
  const gateway = options.gateway ?? sandbox!.gateway;
  const key = generateTerminalKey();
  const cells: Record<string, Record<string, string>> = {};
  const outcomes: Record<Outcome, number> = { S: 0, F: 0, U: 0, unreachable: 0 };
  const problems: string[] = [];
  let eventDuplicates = 0;
  let eventsMissing = 0;
  let eventsDelivered = 0;
  let index = 0;
  const ledger: LedgerView = { payments: [], entries: [] };
  try {
    for (const fault of faults) {
      cells[fault] = {};
      for (const operation of operations) {
        const terminalId = `MX-${String(++index).padStart(3, '0')}`;
        const cell = await runCell(gateway, key, terminalId, fault, operation, options);
        cells[fault][operation] = cell.outcome === 'S' ? 'S' : `${cell.outcome} ${cell.code}`;
        outcomes[cell.outcome]++;
        eventDuplicates += cell.eventDuplicates;
        eventsMissing += cell.eventsMissing;
        eventsDelivered += cell.eventsDelivered;
        problems.push(...cell.problems.map((p) => `${fault} × ${operation}: ${p}`));
        const books = gateway.ledger(terminalId);
        ledger.payments.push(...books.payments);
        ledger.entries.push(...books.entries);
      }
    }
  } finally {
    await sandbox?.close();
  }
  const audit = auditLedger(ledger);
  const { problems: ledgerProblems, ...books } = audit;
  return report(
    'gateway_fault_matrix',
    {
      faults: faults.length,
      operations: operations.length,
      cells: index,
      outcomes,
      ...books,
      eventsDelivered,
      eventDuplicates,
      eventsMissing,
      matrix: cells,
    },
    [...ledgerProblems, ...problems],
    elapsed(started),
  );
}

async function runCell(
  gateway: SandboxGateway,
  key: KeyObject,
  terminalId: string,
  fault: FaultKind,
  operation: MatrixOperation,
  options: MatrixOptions,
): Promise<CellResult> {
  gateway.registerTerminal(terminalId, key);
  const timeoutMs = options.timeoutMs ?? 400;
  const timeouts = Object.fromEntries(
    (Object.keys(RELAY_OPERATIONS) as RelayOperationName[]).map((name) => [name, timeoutMs]),
  );
  const client = new RelayClient({
    baseUrl: gateway.url,
    terminalId,
    privateKey: key,
    gatewayKey: memoryPin(gateway.publicKey()),
    timeouts,
    retry: { attempts: 2, delayMs: 50 },
    events: {
      initialBackoffMs: 50,
      maxBackoffMs: 200,
      connectTimeoutMs: 1_000,
      idleTimeoutMs: 5_000,
    },
  });
  let n = 0;
  const ctx: SceneContext = {
    client,
    gateway,
    terminalId,
    id: (label) => `${terminalId}-${label}-${++n}`,
    problems: [],
  };
  const scene = SCENES[operation]();
  const onEvents = EVENT_FAULTS.has(fault);
  const delivered: GatewayEvent[] = [];
  // Event faults shape the stream for the whole cell; the others hit the operation only while it
  // is performed. Timeouts hold the answer past the client's limit; latency stays within it.
  const rule = {
    fault,
    operations: [onEvents ? 'events' : operation],
    probability: 1,
    ...(fault === 'timeout' ? { value: timeoutMs * 2 } : {}),
    ...(fault === 'latency' ? { value: 50 } : {}),
  };
  if (onEvents) gateway.setFaults({ rules: [rule] });
  const subscription = onEvents ? client.subscribe((event) => delivered.push(event)) : undefined;
  try {
    await scene.prepare(ctx);
    gateway.setFaults({ rules: [rule] });
    const first = await scene.perform(ctx);
    if (!onEvents) gateway.setFaults({ rules: [] });
    await scene.recover(ctx, first);
    const events = onEvents
      ? await awaitFinalStates(gateway.ledger(terminalId), delivered, options.eventWaitMs ?? 3_000)
      : { duplicates: 0, missing: [] };
    const twice = events.duplicates ? [`${events.duplicates} events delivered twice`] : [];
    return {
      ...first,
      problems: [...ctx.problems, ...events.missing, ...twice],
      eventDuplicates: events.duplicates,
      eventsMissing: events.missing.length,
      eventsDelivered: delivered.length,
    };
  } finally {
    subscription?.close();
    gateway.setFaults({ rules: [] });
  }
}

/**
 * Waits until the client has delivered, for every payment that reached a
 * final state, an event carrying that state, and one refund event per
 * refund. Returns the events delivered twice and what never arrived.
 */
export async function awaitFinalStates(
  books: LedgerView,
  delivered: readonly GatewayEvent[],
  waitMs: number,
): Promise<{ duplicates: number; missing: string[] }> {
  const missing = (): string[] => {
    const out: string[] = [];
    for (const p of books.payments) {
      if (p.status === 'PROCESSING') continue;
      if (
        !delivered.some((e) => e.payment.paymentId === p.paymentId && e.payment.status === p.status)
      )
        out.push(`${p.paymentRequestId}: no ${p.status} event delivered`);
      const refunds = books.entries.filter(
        (e) => e.kind === 'REFUND' && e.paymentId === p.paymentId,
      ).length;
      const refundEvents = delivered.filter(
        (e) => e.type === 'refund.succeeded' && e.payment.paymentId === p.paymentId,
      ).length;
      if (refundEvents < refunds)
        out.push(`${p.paymentRequestId}: ${refunds} refunds, ${refundEvents} refund events`);
    }
    return out;
  };
  const deadline = performance.now() + waitMs;
  while (missing().length > 0 && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const ids = delivered.map((e) => e.id);
  return { duplicates: ids.length - new Set(ids).size, missing: missing() };
}
