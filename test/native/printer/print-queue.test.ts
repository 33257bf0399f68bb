import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/platform/clock.js';
import { PrintQueue } from '../../../native/printer/print-queue.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('pos-print-queue-');
const doc = { blocks: [{ kind: 'text' as const, text: '영수증' }] };

describe('print queue', () => {
  it('keeps pending jobs in order across a reopen, in WAL with synchronous=FULL', () => {
    const path = join(tempDir(), 'pos.db');
    const clock = new ManualClock();
    const queue = new PrintQueue(path, clock);
    const first = queue.enqueue('p1', doc);
    clock.advance(1000);
    const second = queue.enqueue('p1', { blocks: [{ kind: 'cut' }] });
    queue.enqueue('p2', doc);
    expect(queue.nextPending('p1')?.jobId).toBe(first.jobId);
    queue.markPrinted(first.jobId);
    queue.close();

    const reopened = new PrintQueue(path, clock);
    expect(reopened.nextPending('p1')).toMatchObject({
      jobId: second.jobId,
      document: { blocks: [{ kind: 'cut' }] },
      state: 'pending',
    });
    expect(reopened.get(first.jobId)).toMatchObject({
      state: 'printed',
      printedAt: clock.now(),
      attempts: 1,
    });
    reopened.close();

    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('sets synchronous=FULL on its connection, which better-sqlite3 leaves at NORMAL for WAL', () => {
    const queue = new PrintQueue(join(tempDir(), 'pos.db'), new ManualClock());
    expect(queue.durability()).toEqual({ journalMode: 'wal', synchronous: 2 });
    queue.close();
  });

  it('marks reprints as copies and records failed attempts without losing the job', () => {
    const queue = new PrintQueue(join(tempDir(), 'pos.db'), new ManualClock());
    const original = queue.enqueue('p1', doc);
    const copy = queue.enqueue('p1', original.document, { copy: true, reprintOf: original.jobId });
    expect(copy).toMatchObject({ copy: true, reprintOf: original.jobId, document: { copy: true } });
    queue.recordFailure(original.jobId, 'ECONNREFUSED');
    expect(queue.get(original.jobId)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'ECONNREFUSED',
    });
    expect(queue.list('pending')).toHaveLength(2);
    queue.close();
  });

  it('refuses a stored row whose document is not a receipt document', () => {
    const path = join(tempDir(), 'pos.db');
    const queue = new PrintQueue(path, new ManualClock());
    const job = queue.enqueue('p1', doc);
    const raw = new Database(path);
    raw
      .prepare('UPDATE print_jobs SET document = ? WHERE job_id = ?')
      .run('{"blocks":[{"kind":"laser"}]}', job.jobId);
    raw.close();
    expect(() => queue.get(job.jobId)).toThrow(/not a receipt document/);
    queue.close();
  });
});
