import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLedger, saveAnchor } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { memoryPin } from '../../src/relay/gateway-key.js';
import { anchorCheck, signJournalHead } from '../../src/relay/journal-head.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { checkJournalAtStart } from '../../main/services/journal-startup-check.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir();

function recordingLogger(lines: string[]): Logger {
  const log = (obj: object, msg?: string) => void lines.push(`${msg ?? ''} ${JSON.stringify(obj)}`);
  const logger: Logger = { info: log, warn: log, error: log, debug: log, child: () => logger };
  return logger;
}

describe('journal check at start-up (issue 14 point 5)', () => {
  it('walks from the anchored head only, and logs a rewrite of the anchored row as an error', () => {
    const path = join(tempDir(), 'till.db');
    const gatewayKey = generateTerminalKey();
    const store = openLedger(path, { clock: new ManualClock() });
    for (let i = 0; i < 5; i++) store.journal.append({ kind: 'cash.movement', aggregateId: `M${i}`, body: { n: i } });
    saveAnchor(store.db, signJournalHead(gatewayKey, 'T01', store.journal.get(3)!, Date.now()));
    const lines: string[] = [];
    const clean = checkJournalAtStart(store.db, anchorCheck(memoryPin(gatewayKey)), recordingLogger(lines));
    expect(clean).toMatchObject({ rows: 2, problems: [], unanchored: 2 });
    store.close();

    const intruder = new Database(path);
    intruder.exec("DROP TRIGGER journal_no_update; UPDATE journal SET hash = 'e' || substr(hash, 2) WHERE seq = 3");
    intruder.close();
    const reopened = openLedger(path, { clock: new ManualClock() });
    const broken = checkJournalAtStart(reopened.db, anchorCheck(memoryPin(gatewayKey)), recordingLogger(lines));
    expect(broken.problems.map((p) => p.kind)).toContain('rewritten');
    expect(lines.some((l) => l.startsWith('the journal fails verification'))).toBe(true);
    // An anchor some other key signed is named as forged.
    const forged = checkJournalAtStart(reopened.db, anchorCheck(memoryPin(generateTerminalKey())), recordingLogger(lines));
    expect(forged.problems.map((p) => p.kind)).toContain('forged-anchor');
    reopened.close();
  });
});
