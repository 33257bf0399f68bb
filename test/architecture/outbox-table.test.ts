import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './source-graph.js';
import { type TableOwner, codeFiles, strangers } from './table-owner.js';

// Issue 13 point 2: sync state is read through the ledger's outbox API
// (src/ledger/outbox-queries.ts, outbox.ts), never by another module's SQL:
// the history list, close-out's open items, sync's dependency order and the
// chaos check all ask the ledger. The word "outbox" is free (ledger.outbox,
// the docs); the table named in SQL is not. The ledger's own tests forge and
// tamper its tables, and the fixtures are databases an older release made.
const RULE: TableOwner = {
  owner: 'src/ledger/',
  exempt: ['test/ledger/'],
  names: /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|EXISTS|ON)\s+outbox\b/gi,
};

describe('the outbox table (one owner: src/ledger)', () => {
  it('is named in SQL by no file outside src/ledger', () => {
    const files = codeFiles('');
    expect(files.length).toBeGreaterThan(300);
    expect(strangers(RULE, files, (f) => readFileSync(join(ROOT, f), 'utf8'))).toEqual([]);
  });

  it('catches every way a query names it, and leaves the word alone', () => {
    // The probes name the table through `@t`, so this file itself names it nowhere.
    const queries = [
      'SELECT 1 FROM @t o JOIN journal j ON j.seq = o.seq',
      'SELECT * FROM journal j JOIN @t o ON o.seq = j.seq',
      'update @t set acked_at = 1',
      'INSERT INTO @t (seq) VALUES (1)',
      'CREATE INDEX x ON @t(seq)',
    ].map((sql) => sql.replace('@t', 'outbox'));
    for (const sql of queries) {
      expect(strangers(RULE, ['src/closeout/probe.ts', 'src/ledger/probe.ts'], () => `db.prepare('${sql}')`)).toEqual([
        `src/closeout/probe.ts: ${sql.match(RULE.names)![0]}`,
      ]);
    }
    expect(strangers(RULE, ['main/probe.ts'], () => 'ledger.outbox.depth(); // rows still in the outbox')).toEqual([]);
  });
});
