// What one durable tender move writes: the WAL frames of each commit, named by
// the table or index their page belongs to (dbstat), for the journal_append
// bench's payment (created → requested → approved) and its bare-insert peer.
// Under synchronous=FULL every commit appends its pages to the WAL and fsyncs
// it, so pages per commit is the write cost the two sides differ in.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SqliteDatabase, openDatabase, openLedger } from '../src/ledger/index.js';
import { systemClock } from '../src/platform/clock.js';
import { printFigure } from './lib/measure.js';
import { bareInsert, tenderWrites } from './lib/tender-writes.js';

/** Payments written before the measured one, so the indexes have the depth of a till's day. */
const WARM_PAYMENTS = 2_000;
/** Measured payments: the pages vary with where the random keys fall, so the figure is their mean. */
const MEASURED_PAYMENTS = 50;

/**
 * Counts, by table or index, the WAL frames each write appends. The WAL is never checkpointed
 * meanwhile (this script's connections only), so the frames after a write's starting offset are
 * its own (the WAL format: sqlite.org/fileformat.html#walformat).
 */
class WalFrames {
  /** The WAL's header is 32 bytes; after a truncating checkpoint the next commit's frames start there. */
  private offset = 32;
  private readonly pages: number[] = [];

  constructor(
    private readonly db: SqliteDatabase,
    private readonly walPath: string,
  ) {
    db.pragma('wal_autocheckpoint = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Runs `write`, keeping the page numbers of the frames it appended. */
  count(write: () => void): void {
    write();
    const wal = readFileSync(this.walPath);
    const frame = 24 + wal.readUInt32BE(8);
    for (; this.offset + frame <= wal.length; this.offset += frame) this.pages.push(wal.readUInt32BE(this.offset));
  }

  /** Frames per write, by the table or index that owns each page (dbstat), largest first. */
  perWrite(writes: number): Record<string, number> {
    const owner = new Map(
      (this.db.prepare('SELECT name, pageno FROM dbstat').all() as Array<{ name: string; pageno: number }>).map((r) => [r.pageno, r.name]),
    );
    const byName = new Map<string, number>();
    for (const page of this.pages) {
      const name = page === 1 ? 'header (page 1)' : (owner.get(page) ?? 'free');
      byName.set(name, (byName.get(name) ?? 0) + 1);
    }
    return Object.fromEntries([...byName].sort((a, b) => b[1] - a[1]).map(([name, n]) => [name, Math.round((n / writes) * 100) / 100]));
  }

  total(writes: number): number {
    return this.pages.length / writes;
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bench-journal-pages-'));
try {
  const path = join(dir, 'till.db');
  const ledger = openLedger(path, { clock: systemClock });
  const { store, steps, nextTenderId } = tenderWrites(ledger);
  const payment = (each: (write: () => void) => void) => {
    const id = nextTenderId();
    for (const step of steps) each(() => step(id));
  };
  // The warm-up in one commit: only the measured writes need their own.
  store.atomically(() => {
    for (let i = 0; i < WARM_PAYMENTS; i++) payment((write) => write());
  });
  const ours = new WalFrames(ledger.db, `${path}-wal`);
  for (let i = 0; i < MEASURED_PAYMENTS; i++) payment((write) => ours.count(write));

  const barePath = join(dir, 'bare.db');
  const bareDb = openDatabase(barePath);
  const bareWrite = bareInsert(bareDb);
  bareDb.transaction(() => {
    for (let i = 0; i < WARM_PAYMENTS * steps.length; i++) bareWrite();
  })();
  const bare = new WalFrames(bareDb, `${barePath}-wal`);
  const writes = MEASURED_PAYMENTS * steps.length;
  for (let i = 0; i < writes; i++) bare.count(bareWrite);

  printFigure({
    name: 'journal_wal_pages_per_write',
    value: ours.total(writes),
    unit: 'pages/commit',
    n: writes,
    peer: 'bare_sqlite_insert_full_sync',
    peerValue: bare.total(writes),
    ratio: ours.total(writes) / bare.total(writes),
    pages: ours.perWrite(writes),
    peerPages: bare.perWrite(writes),
  });
  ledger.close();
  bareDb.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
