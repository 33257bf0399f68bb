import { type AnchorCheck, type ChainAudit, type SqliteDatabase, auditChain, latestAnchor } from '../../src/ledger/index.js';
import type { Logger } from '../../src/platform/logger.js';

/**
 * The start-up check of issue 14 point 5: walks the chain from the last
 * gateway-signed head (rows before it are vouched for by the gateway, so a
 * year of journal does not slow the start) and checks the head itself. A
 * broken journal is logged as an error naming every problem; the till still
 * starts (a shop must be able to sell), and `pos journal verify` and
 * `pos doctor` show the same problems. The projection comparison replays the
 * whole journal, so it runs after the till is up
 * (projection-startup-check.ts).
 */
export function checkJournalAtStart(db: SqliteDatabase, checkAnchor: AnchorCheck, logger: Logger): ChainAudit {
  const audit = auditChain(db, { checkAnchor, fromSeq: latestAnchor(db)?.seq ?? 0 });
  if (audit.problems.length > 0)
    logger.error({ problems: audit.problems.map((p) => p.message) }, 'the journal fails verification: run pos journal verify');
  for (const warning of audit.warnings) logger.warn({ warning }, 'journal verification');
  logger.info({ head: audit.head.seq, anchored: audit.anchor?.seq ?? null, checked: audit.rows }, 'journal verified since the last anchored head');
  return audit;
}
