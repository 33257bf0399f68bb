import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { type Ledger, latestAnchor, openLedger } from '../../src/ledger/index.js';
import { silentLogger } from '../../src/platform/logger.js';
import type { RelayGateway } from '../../src/relay/gateway.js';
import type { JournalUploadRecord } from '../../src/relay/protocol.js';
import { backoffDelay } from '../../src/relay/sync-backoff.js';
import { SyncEngine, type SyncEvent } from '../../src/relay/sync-engine.js';
import { toUploadRecord, verifyJournalHead } from '../../src/relay/journal-head.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { uploadChain } from '../helpers/upload-chain.js';
import { startSandboxGateway } from '../../sandbox/index.js';
import { startGateway } from '../payments/harness.js';

const tempDir = useTempDir();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: ConstructorParameters<typeof SyncEngine>[0]['options'] = {}) {
  const dir = tempDir();
  const gw = await startGateway(dir);
  const ledger = openLedger(join(dir, 'till.db'), { clock: { now: () => Date.now(), monotonic: () => performance.now() } });
  const client = gw.client();
  const uploads: string[][] = [];
  // The real client, with each upload's record kinds noted so batches can be checked.
  const gateway: RelayGateway = Object.assign(Object.create(client) as RelayGateway, {
    uploadJournal: (records: JournalUploadRecord[]) => {
      uploads.push(records.map((r) => String(r.body.n)));
      return client.uploadJournal(records);
    },
  });
  const events: SyncEvent[] = [];
  const sync = new SyncEngine({ db: ledger.db, outbox: ledger.outbox, gateway, logger: silentLogger, options: { maxRejections: 3, ...options } });
  sync.on((e) => events.push(e));
  cleanups.push(() => gw.sandbox.close(), () => ledger.close(), () => sync.stop());
  return { ...gw, dir, ledger, sync, uploads, events, rawClient: client };
}

function queue(ledger: Ledger, n: number, body: (i: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: n }, (_, i) => ledger.journal.append({ kind: 'cash.movement', aggregateId: `M${i}`, body: { n: i, ...body(i) }, sync: true })[0]!);
}

/** Records the gateway's journal intake applied (each record id once, by its primary key). */
function appliedRecords(dir: string): number {
  const db = new Database(join(dir, 'gateway.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM journal_records').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('outbox sync', () => {
  it('sends each record with its prevHash and keeps the gateway\'s signed head as the journal anchor', async () => {
    const { ledger, sync, sandbox } = await setup();
    const records = queue(ledger, 3);
    ledger.journal.append({ kind: 'cart.snapshot', aggregateId: 'C', body: {} }); // never synced
    expect(latestAnchor(ledger.db)).toBeUndefined();
    await sync.drain();
    const anchor = latestAnchor(ledger.db);
    expect(anchor).toMatchObject({ seq: 3, hash: records[2]!.hash });
    expect(verifyJournalHead(sandbox.publicKey(), anchor!.terminalId, anchor)).toBe(true);
  });

  it('uploads in journal order, in batches, acknowledging each record, and publishes the depth', async () => {
    const { ledger, sync, uploads, events } = await setup({ batchSize: 4 });
    queue(ledger, 10);
    const result = await sync.drain();
    expect(result).toMatchObject({ sent: 10, acknowledged: 10, duplicates: 0, failed: false });
    expect(uploads).toEqual([['0', '1', '2', '3'], ['4', '5', '6', '7'], ['8', '9']]);
    expect(ledger.outbox.depth()).toBe(0);
    const depths = events.flatMap((e) => (e.type === 'status' ? [e.status.depth] : []));
    expect(depths).toEqual([6, 2, 0]);
    expect(events.filter((e) => e.type === 'acknowledged')).toHaveLength(10);
  });

  it('resends records whose ack was lost; the gateway answers DUPLICATE and applies them once', async () => {
    const { dir, ledger, sync, rawClient } = await setup();
    const records = queue(ledger, 6);
    // A till that sent the first three and stopped before writing the acks.
    await rawClient.uploadJournal(records.slice(0, 3).map(toUploadRecord));
    const result = await sync.drain();
    expect(result).toMatchObject({ acknowledged: 6, duplicates: 3 });
    expect(ledger.outbox.depth()).toBe(0);
    expect(appliedRecords(dir)).toBe(6);
  });

  it('holds a record back until the record it depends on is acknowledged', async () => {
    const { ledger, sync, uploads } = await setup();
    const [sale] = queue(ledger, 1);
    queue(ledger, 1, () => ({ n: 'refund', dependsOn: [sale!.recordId] }));
    queue(ledger, 1, () => ({ n: 'later' }));
    await sync.drain();
    expect(uploads).toEqual([['0'], ['refund', 'later']]);
  });

  it('quarantines a poison record with an alert, and its dependents with it, without blocking the queue', async () => {
    const { ledger, sync, events, rawClient } = await setup();
    const [poison] = queue(ledger, 1);
    // The gateway already holds this record id with other content: it will refuse it every time.
    await rawClient.uploadJournal(uploadChain([{ kind: 'x', recordId: poison!.recordId }]));
    queue(ledger, 1, () => ({ n: 'refund', dependsOn: [poison!.recordId] }));
    queue(ledger, 2);
    for (let i = 0; i < 6; i++) await sync.syncOnce();
    const quarantined = events.filter((e) => e.type === 'quarantined');
    expect(quarantined.map((e) => e.type === 'quarantined' && e.record.body.n)).toEqual([0, 'refund']);
    expect(ledger.outbox.quarantined().map((q) => q.reason)).toEqual([
      expect.stringMatching(/waits for record .* quarantined/),
      expect.stringMatching(/REPEAT_REQ_INCONSISTENT/),
    ]);
    expect(ledger.outbox.depth()).toBe(0);
  });

  it('treats 5xx storms on upload as no answer: nothing is quarantined, all is sent once they pass (defect 5)', async () => {
    const { ledger, sync, sandbox, events } = await setup();
    queue(ledger, 2);
    for (const fault of ['server-error', 'server-error-after'] as const) {
      sandbox.setFaults({ rules: [{ fault, operations: ['journalBatch'] }] });
      for (let i = 0; i < 8; i++) expect((await sync.syncOnce()).failed).toBe(true);
    }
    sandbox.setFaults({ rules: [] });
    expect(events.filter((e) => e.type === 'quarantined')).toEqual([]);
    expect(ledger.outbox.quarantined()).toEqual([]);
    expect(await sync.drain()).toMatchObject({ acknowledged: 2, quarantined: 0, failed: false });
    expect(ledger.outbox.depth()).toBe(0);
  });

  it('lists quarantined records and releases one with its dependants for another try (defect 5)', async () => {
    const { ledger, sync, rawClient } = await setup();
    const [poison] = queue(ledger, 1);
    await rawClient.uploadJournal(uploadChain([{ kind: 'x', recordId: poison!.recordId }]));
    queue(ledger, 1, () => ({ n: 'refund', dependsOn: [poison!.recordId] }));
    for (let i = 0; i < 4; i++) await sync.syncOnce();
    expect(sync.quarantined().map((q) => q.kind)).toEqual(['cash.movement', 'cash.movement']);
    expect(sync.release(poison!.seq)).toBe(2);
    expect(sync.quarantined()).toEqual([]);
    expect(ledger.outbox.depth()).toBe(2);
    // Still refused by the gateway: it takes every rejection again before it is set aside once more.
    await sync.syncOnce();
    expect(sync.quarantined()).toEqual([]);
  });

  it('backs off exponentially with jitter while the gateway is unreachable', async () => {
    const { ledger, sandbox } = await setup();
    queue(ledger, 2);
    await sandbox.close();
    const pauses: number[] = [];
    const gw = await startGateway(tempDir());
    await gw.sandbox.close();
    let stop: () => void = () => undefined;
    const done = new Promise<void>((r) => (stop = r));
    const sync = new SyncEngine({
      db: ledger.db,
      outbox: ledger.outbox,
      gateway: gw.client(),
      logger: silentLogger,
      random: () => 0.5,
      options: { backoff: { baseMs: 100, maxMs: 1_000 } },
      sleep: async (ms) => {
        pauses.push(ms);
        if (pauses.length === 6) stop();
        await new Promise((r) => setTimeout(r, 1));
      },
    });
    sync.start();
    await done;
    await sync.stop();
    expect(pauses.slice(0, 6)).toEqual([75, 150, 300, 600, 750, 750]);
    expect(sync.status()).toMatchObject({ connectivity: 'offline', depth: 2 });
  });
  it('goes at once when the gateway answers again, not at the end of its backoff', async () => {
    const dir = tempDir();
    const gw = await startGateway(dir);
    const port = Number(new URL(gw.sandbox.url).port);
    const ledger = openLedger(join(dir, 'till.db'), { clock: { now: () => Date.now(), monotonic: () => performance.now() } });
    const client = gw.client();
    // A backoff far longer than the test: only a wake-up can drain the outbox in time.
    const sync = new SyncEngine({ db: ledger.db, outbox: ledger.outbox, gateway: client, logger: silentLogger, random: () => 0, options: { backoff: { baseMs: 120_000, maxMs: 120_000 } } });
    cleanups.push(() => ledger.close(), () => sync.stop());
    await gw.sandbox.close();
    queue(ledger, 2);
    const failed = new Promise<void>((resolve) => sync.on((e) => e.type === 'status' && e.status.connectivity !== 'online' && resolve()));
    sync.start();
    await failed;
    expect(ledger.outbox.depth()).toBe(2);

    // The line is back (the same gateway, port and state); some other call of the till gets an answer first.
    const back = await startSandboxGateway({ port, dbPath: join(dir, 'gateway.db'), pendingMs: 150, sweepMs: 25 });
    cleanups.push(() => back.close());
    back.registerTerminal(gw.terminalId, gw.key);
    await client.exchangeRates();
    expect(client.connectivity()).toBe('online');
    await expect.poll(() => ledger.outbox.depth(), { timeout: 5_000 }).toBe(0);
  });
});

describe('backoff delay', () => {
  it('stays between half and all of the capped exponential ceiling', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, base, max, r) => {
        const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 30));
        const delay = backoffDelay(attempt, { baseMs: base, maxMs: max }, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(Math.ceil(ceiling));
      }),
    );
  });
});

