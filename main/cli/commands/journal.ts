import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { auditZs } from '../../../src/closeout/z-audit.js';
import { Journal, type JournalProblem, auditChain, openDatabase } from '../../../src/ledger/index.js';
import { systemClock } from '../../../src/platform/clock.js';
import { loadTerminalKey } from '../../../src/relay/terminal-key.js';
import { terminalKeyPath } from '../../services/terminal-identity.js';
import { projectionDrift } from '../../../src/payments/projection-audit.js';
import { rebuildProjection } from '../../../src/payments/projection-rebuild.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../../src/relay/gateway-key-file.js';
import { anchorCheck } from '../../../src/relay/journal-head.js';
import { loadPosConfig, modeOf } from '../../config.js';
import { DEFAULT_DATA_DIR, journalPath } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';

/**
 * `pos journal verify [--db FILE | --data DIR]`: walks the whole hash chain,
 * checks it against the gateway's signed head, checks every Z's terminal
 * signature (the key in the data folder, or beside --db), and rebuilds the payment
 * projection from the journal to compare; prints one line per problem and
 * exits 1 if there is any (issue 14 point 5). Read-only: safe beside the app.
 *
 * `pos journal rebuild [--db FILE | --data DIR]`, with the till stopped: after
 * the same chain and Z checks, replaces the payment tables with what the
 * journal makes of them (the way out of the start-up hold a projection drift
 * puts on sales and refunds), printing each row it repaired. A broken chain
 * rebuilds nothing: the journal is then no truth to rebuild from.
 */

const OPTIONS = { db: { type: 'string' }, data: { type: 'string' } } as const;

async function journal(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCliArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  const action = positionals[0];
  if (positionals.length !== 1 || (action !== 'verify' && action !== 'rebuild')) throw new UsageError('give verify or rebuild');
  if (values.db && values.data) throw new UsageError('give --db or --data, not both');
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  const dbPath = values.db ?? journalPath(dataDir, modeOf(await loadPosConfig(dataDir)));
  if (!existsSync(dbPath)) {
    io.err(`pos journal: no journal at ${dbPath} (give --db or --data)`);
    return 1;
  }
  const db = openDatabase(dbPath, { readonly: action === 'verify' });
  try {
    const keyDir = values.db ? join(dbPath, '..') : dataDir;
    const audit = auditChain(db, { checkAnchor: anchorCheck(fileGatewayPin(join(keyDir, GATEWAY_KEY_FILE))) });
    const key = terminalKeyBeside(keyDir);
    const zs = auditZs(new Journal(db, systemClock), key.key);
    const chainProblems: JournalProblem[] = [...audit.problems, ...zs.problems];
    const drift = projectionDrift(db);
    const problems = [...chainProblems, ...drift];
    const anchored = audit.anchor ? `anchored at row ${audit.anchor.seq}, ${audit.unanchored} rows since` : 'no gateway-signed head yet';
    io.out(`${dbPath}: ${audit.rows} rows, head ${audit.head.seq}:${audit.head.hash.slice(0, 12)}, ${anchored}, ${zs.zs} Zs`);
    for (const warning of [...audit.warnings, ...key.warnings, ...zs.warnings]) io.out(`warning: ${warning}`);
    for (const problem of problems) io.out(`BROKEN ${problem.kind}: ${problem.message}`);
    if (action === 'rebuild') return rebuild(db, chainProblems, drift, io);
    io.out(problems.length === 0 ? 'journal intact' : `${problems.length} problems`);
    return problems.length === 0 ? 0 : 1;
  } finally {
    db.close();
  }
}

/** Rebuilds the payment tables when the chain is whole; the repaired rows were printed above, for the owner's records. */
function rebuild(db: ReturnType<typeof openDatabase>, chainProblems: JournalProblem[], drift: JournalProblem[], io: CommandIo): number {
  if (chainProblems.length > 0) {
    io.err(`pos journal: the journal itself is broken (${chainProblems.length} problems above): nothing was rebuilt; call support`);
    return 1;
  }
  const replayed = rebuildProjection(db);
  io.out(`rebuilt the payment tables from ${replayed} journal rows (${drift.length} disagreements repaired)`);
  return 0;
}

/** The till's key from its data folder, for the Z signatures; an unreadable one is a warning (auditZs says when Zs go unchecked). */
function terminalKeyBeside(dir: string): { key: KeyObject | undefined; warnings: string[] } {
  const path = terminalKeyPath(dir);
  if (!existsSync(path)) return { key: undefined, warnings: [] };
  try {
    return { key: loadTerminalKey(path), warnings: [] };
  } catch (error) {
    return { key: undefined, warnings: [(error as Error).message] };
  }
}

export const journalCommand: PosCommand = {
  name: 'journal',
  summary: 'verify the journal (every broken link, truncation after the gateway-signed head, projection rows that disagree), or rebuild the payment tables from it',
  usage: 'journal verify|rebuild [--db FILE | --data DIR]',
  run: journal,
};
