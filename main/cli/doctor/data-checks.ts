import { access, constants, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { auditChain, openLedger } from '../../../src/ledger/index.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../../src/relay/gateway-key-file.js';
import { anchorCheck } from '../../../src/relay/journal-head.js';
import { loadPosConfig, modeOf } from '../../config.js';
import { journalPath } from '../../paths.js';
import {
  type CheckResult,
  type DoctorCheck,
  type DoctorContext,
  describeError,
  fail,
  ok,
  warn,
} from './check.js';

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * The journal, keys and logs are the shop's: the data folder should be this
 * user's alone (0700), not readable by other accounts on the till.
 */
async function dataDirPermissions(dataDir: string): Promise<CheckResult> {
  const { mode } = await stat(dataDir);
  if ((mode & 0o077) !== 0)
    return warn(
      'data dir',
      `${dataDir} is open to other users (mode ${(mode & 0o777).toString(8)}; chmod 700 ${dataDir})`,
    );
  return ok('data dir', `${dataDir} writable, this user's only`);
}

/** The data directory can be written (or created), only by this user, and its config is valid. */
export const checkDataDir: DoctorCheck = async ({ dataDir }) => {
  const results: CheckResult[] = [];
  const target = (await exists(dataDir)) ? dataDir : dirname(dataDir);
  try {
    await access(target, constants.W_OK);
    results.push(
      target === dataDir
        ? await dataDirPermissions(dataDir)
        : ok('data dir', `${dataDir} will be created`),
    );
  } catch {
    results.push(
      fail('data dir', `${target} is not writable by this user (sudo chown -R $USER ${target})`),
    );
  }
  try {
    const config = await loadPosConfig(dataDir);
    results.push(ok('config', `${modeOf(config)} mode, terminal ${config.terminalId}`));
  } catch (error) {
    results.push(fail('config', describeError(error)));
  }
  return results;
};

function verifyJournal(path: string, ctx: DoctorContext): { rows: number; schema: number } {
  const store = openLedger(path, { clock: ctx.clock });
  try {
    // The whole chain and the gateway-signed head; `pos journal verify` adds the projection comparison.
    const audit = auditChain(store.db, { checkAnchor: anchorCheck(fileGatewayPin(join(ctx.dataDir, GATEWAY_KEY_FILE))) });
    if (audit.problems.length > 0)
      throw new Error(`${audit.problems.map((p) => p.message).join('; ')} (run pos journal verify)`);
    return { rows: audit.rows, schema: store.schemaVersion };
  } finally {
    store.close();
  }
}

/**
 * The journal of the configured mode opens, migrates and verifies. Before the
 * first sale there is no journal: a scratch one proves SQLite, migrations and
 * the hash chain work on this machine.
 */
export const checkJournal: DoctorCheck = async (ctx) => {
  let path: string;
  try {
    path = journalPath(ctx.dataDir, modeOf(await loadPosConfig(ctx.dataDir)));
  } catch {
    return []; // the config line already failed
  }
  if (await exists(path)) {
    try {
      const { rows, schema } = verifyJournal(path, ctx);
      return [ok('journal', `${path}: schema v${schema}, ${rows} rows, hash chain intact`)];
    } catch (error) {
      return [fail('journal', `${path}: ${describeError(error)}`)];
    }
  }
  const scratch = await mkdtemp(join(tmpdir(), 'pos-doctor-'));
  try {
    const { schema } = verifyJournal(join(scratch, 'journal.db'), ctx);
    return [
      ok(
        'journal',
        `none yet at ${path}; a scratch journal opened at schema v${schema} and verified`,
      ),
    ];
  } catch (error) {
    return [fail('journal', `a scratch journal failed: ${describeError(error)}`)];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
