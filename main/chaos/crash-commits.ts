import { z } from 'zod';
import type { JournalRecord, Ledger } from '../../src/ledger/index.js';

/** One journal commit as the crash matrix names it: its position and the kinds of the rows it wrote. */
export interface CommitStep {
  index: number;
  label: string;
}

/**
 * Counts the till's journal commits (a transaction that appended journal
 * rows) and calls `onCommit` right after each one is on disk, before the code
 * that committed it goes on: the crash worker SIGKILLs itself there, so the
 * next side effect (a request, a drawer, the next row) never happens. It
 * wraps the journal's one transaction entry, `Journal.atomically`; a journal
 * write inside a caller's own `db.transaction` (the sync engine's
 * acknowledgements) is counted once that outer transaction has committed.
 */
export function watchCommits(ledger: Ledger, onCommit: (step: CommitStep) => void): void {
  const { db, journal } = ledger;
  let counted = journal.tail().seq;
  let index = 0;
  let depth = 0;
  const check = (): void => {
    if (db.inTransaction) return void queueMicrotask(check);
    const rows = journal.readAfter(counted, 1_000);
    if (rows.length === 0) return;
    counted = rows.at(-1)!.seq;
    onCommit({ index: ++index, label: rows.map(describe).join('+') });
  };
  const atomically = journal.atomically.bind(journal);
  journal.atomically = (<T>(work: () => T): T => {
    depth++;
    try {
      return atomically(work);
    } finally {
      depth--;
      if (depth === 0) check();
    }
  }) as typeof journal.atomically;
}

/** `tender.state:requested` style: the row's kind and, for a state change, the state it moved to. */
function describe(row: JournalRecord): string {
  const change = stateChange.safeParse(row.body);
  return change.success && change.data.to ? `${row.kind}:${change.data.to}` : row.kind;
}

const stateChange = z.object({ to: z.string().optional() });
