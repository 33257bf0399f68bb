import { join } from 'node:path';
import { Catalog } from '../../src/catalog/index.js';
import { type Ledger, openLedger } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';

/** A catalog over a real journal database in `dir`. */
export function openTestCatalog(dir: string, options: { starter?: boolean } = {}): { catalog: Catalog; store: Ledger; clock: ManualClock } {
  const clock = new ManualClock();
  const store = openLedger(join(dir, 'journal.db'), { clock });
  return { catalog: new Catalog({ db: store.db, journal: store.journal, ...options }), store, clock };
}
