import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { CloseOut, CloseoutError, reportCsv } from '../../../src/closeout/index.js';
import { openLedger } from '../../../src/ledger/index.js';
import { PaymentError } from '../../../src/payments/errors.js';
import { PaymentStore } from '../../../src/payments/payment-store.js';
import { systemClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { RelayClient } from '../../../src/relay/relay-client.js';
import { loadTerminalKey } from '../../../src/relay/terminal-key.js';
import { loadPosConfig, modeOf } from '../../config.js';
import { DEFAULT_DATA_DIR, journalPath } from '../../paths.js';
import { StaffStore } from '../../services/staff-store.js';
import { terminalKeyPath } from '../../services/terminal-identity.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../../src/relay/gateway-key-file.js';

/**
 * `pos closeout x|z|vat`: the close-out from the command line, for the back
 * office or a till whose screen is broken. Prints the report as JSON; `vat`
 * prints 부가세 신고 자료 for calendar months `--from`..`--to`. A Z
 * writes to the journal: run it while the app is stopped (one writer per
 * journal file), with an owner's PIN (`--pin` or POS_OWNER_PIN).
 */

const OPTIONS = {
  db: { type: 'string' },
  data: { type: 'string' },
  date: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  csv: { type: 'string' },
  pin: { type: 'string' },
  'record-open': { type: 'boolean' },
  gateway: { type: 'string' },
  key: { type: 'string' },
  terminal: { type: 'string' },
} as const;

const argsSchema = z.object({
  verb: z.enum(['x', 'z', 'vat'], { message: 'give x (snapshot), z (close the day) or vat (the VAT return figures)' }),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '--date is YYYY-MM-DD').optional(),
  from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '--from is YYYY-MM').optional(),
  to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '--to is YYYY-MM').optional(),
  gateway: z.url({ protocol: /^https?$/, message: '--gateway is an http(s) URL' }).optional(),
});

function parse(args: string[]) {
  const { values, positionals } = parseCliArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new UsageError('give exactly one of x, z, vat');
  const checked = argsSchema.safeParse({ verb: positionals[0], date: values.date, from: values.from, to: values.to, gateway: values.gateway });
  if (!checked.success) throw new UsageError(checked.error.issues.map((i) => i.message).join('; '));
  if (checked.data.verb === 'vat' && !(checked.data.from && checked.data.to)) throw new UsageError('vat needs --from YYYY-MM --to YYYY-MM');
  if (checked.data.from && checked.data.to && checked.data.from > checked.data.to) throw new UsageError('--from is after --to');
  return { ...values, ...checked.data };
}

async function closeout(args: string[], io: CommandIo): Promise<number> {
  const options = parse(args);
  const dataDir = options.data ?? DEFAULT_DATA_DIR;
  const config = await loadPosConfig(dataDir);
  const dbPath = options.db ?? journalPath(dataDir, modeOf(config));
  if (!existsSync(dbPath)) {
    io.err(`pos closeout: no journal at ${dbPath} (give --db or --data)`);
    return 1;
  }
  const terminalId = options.terminal ?? config.terminalId;
  const gatewayUrl = options.gateway ?? config.gateway?.url;
  const keyPath = options.key ?? terminalKeyPath(dataDir);
  // The key signs the Z too (src/closeout/z-signature.ts), whether or not a gateway is reached.
  const terminalKey = existsSync(keyPath) ? loadTerminalKey(keyPath) : undefined;
  const gateway =
    gatewayUrl && terminalKey
      ? new RelayClient({ baseUrl: gatewayUrl, terminalId, privateKey: terminalKey, gatewayKey: fileGatewayPin(join(dirname(keyPath), GATEWAY_KEY_FILE)), retry: { attempts: 2 } })
      : undefined;
  const ledger = openLedger(dbPath, { clock: systemClock });
  try {
    const service = new CloseOut({
      ledger,
      payments: new PaymentStore(ledger),
      ...(gateway ? { gateway } : {}),
      staff: await StaffStore.open(dataDir),
      clock: systemClock,
      logger: silentLogger,
      config: { terminalId, ...config.closeout },
      ...(terminalKey ? { terminalKey } : {}),
    });
    if (options.verb === 'vat') {
      io.out(JSON.stringify(service.vatReport(options.from!, options.to!), null, 2));
      return 0;
    }
    const date = options.date ? { businessDate: options.date } : {};
    const report =
      options.verb === 'x'
        ? await service.x({ ...date, reconcile: true })
        : await service.z({ ...date, ownerPin: options.pin ?? process.env.POS_OWNER_PIN ?? '', recordOpen: options['record-open'] ?? false });
    if (options.csv) await writeFile(options.csv, reportCsv(report));
    io.out(JSON.stringify(report, null, 2));
    return 0;
  } catch (error) {
    if (!(error instanceof CloseoutError || error instanceof PaymentError)) throw error;
    io.err(`pos closeout: ${error.message} (${error.code})`);
    return 1;
  } finally {
    ledger.close();
  }
}

export const closeoutCommand: PosCommand = {
  name: 'closeout',
  summary: 'X report (snapshot), Z report (closes the business day) or VAT return figures as JSON; --csv exports a report',
  usage: 'closeout x|z|vat [--from YYYY-MM --to YYYY-MM] [--db path] [--date YYYY-MM-DD] [--csv out.csv] [--pin PIN] [--record-open] [--data dir] [--gateway URL --key FILE]',
  run: closeout,
};
