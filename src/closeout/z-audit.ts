import type { KeyObject } from 'node:crypto';
import type { Journal, JournalProblem } from '../ledger/index.js';
import { Z_REPORT_KIND } from './records.js';
import { verifyZBody } from './z-signature.js';

/** What the Z check of `journal verify` found. */
export interface ZAudit {
  zs: number;
  problems: JournalProblem[];
  warnings: string[];
}

/**
 * Checks every Z in the journal against the terminal's key (issue 14 point
 * 5): each must carry the terminal's signature over its content and chain
 * head, and the row at that head must still hash as signed. A Z edited or
 * re-signed with another key, or rows before a Z rewritten and rehashed
 * (the signed head no longer matches), are named. Without the key the
 * signatures cannot be checked, which is said as a warning.
 */
export function auditZs(journal: Journal, terminalKey: KeyObject | undefined): ZAudit {
  const problems: JournalProblem[] = [];
  const warnings: string[] = [];
  const zs = journal.ofKind(Z_REPORT_KIND);
  if (zs.length > 0 && !terminalKey) warnings.push(`no terminal key to check the ${zs.length} Z signatures with`);
  for (const record of zs) {
    const date = record.aggregateId.replace(/^day:/, '');
    if (terminalKey) {
      const verdict = verifyZBody(record.body, terminalKey);
      if (!verdict.ok) {
        problems.push({ kind: 'forged-z', seq: record.seq, message: `the Z of ${date} (row ${record.seq}) is refused: ${verdict.message}` });
        continue;
      }
    }
    const head = (record.body as { report?: { chainHead?: { seq?: unknown; hash?: unknown } | null } }).report?.chainHead;
    if (!head || typeof head.seq !== 'number') continue;
    const row = head.seq === 0 ? undefined : journal.get(head.seq);
    if (head.seq >= record.seq || (head.seq > 0 && row?.hash !== head.hash))
      problems.push({
        kind: 'rewritten',
        seq: head.seq,
        message: `the Z of ${date} signed head ${head.seq}:${String(head.hash).slice(0, 12)}, but row ${head.seq} ${row ? `now hashes ${row.hash.slice(0, 12)}` : 'is gone'}: rows before the Z were rewritten`,
      });
  }
  return { zs: zs.length, problems, warnings };
}
