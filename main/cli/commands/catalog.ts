import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Catalog } from '../../../src/catalog/index.js';
import { openLedger } from '../../../src/ledger/index.js';
import { systemClock } from '../../../src/platform/clock.js';
import { loadPosConfig, modeOf } from '../../config.js';
import { DEFAULT_DATA_DIR, journalPath } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';

/**
 * `pos catalog import|export|find|low-stock`: the shop's items from the command line,
 * in the till's journal database for its mode (training or live). An import
 * applies every row or none: any bad row is named and the exit code is 1.
 */

const OPTIONS = {
  data: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  threshold: { type: 'string' },
} as const;

/** The low-stock list's default: counted items with this many pieces or fewer (as `catalog.lowStock`). */
const LOW_STOCK_AT = 5;

/** Who the journal names for price changes made from the command line. */
const CLI_OPERATOR = 'cli';

async function withCatalog<T>(dataDir: string, work: (catalog: Catalog) => T | Promise<T>): Promise<T> {
  const config = await loadPosConfig(dataDir);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const store = openLedger(journalPath(dataDir, modeOf(config)), { clock: systemClock });
  try {
    return await work(new Catalog({ db: store.db, journal: store.journal }));
  } finally {
    store.close();
  }
}

async function run(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCliArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  const [verb, target, ...extra] = positionals;
  const dataDir = values.data ?? DEFAULT_DATA_DIR;
  if (extra.length > 0) throw new UsageError(`unexpected ${extra.join(' ')}`);
  if (verb === 'import') {
    if (!target) throw new UsageError('catalog import takes the CSV file');
    let bytes: Buffer;
    try {
      bytes = await readFile(target);
    } catch (error) {
      io.err(`pos catalog: cannot read ${target}: ${(error as Error).message}`);
      return 1;
    }
    const summary = await withCatalog(dataDir, (c) => (values['dry-run'] ? c.previewImport(bytes) : c.importCsv(bytes, CLI_OPERATOR)));
    io.out(JSON.stringify(summary));
    return summary.errors.length === 0 ? 0 : 1;
  }
  if (verb === 'export') {
    if (target) throw new UsageError('catalog export takes --out FILE, not a positional');
    const csv = await withCatalog(dataDir, (c) => c.exportCsv());
    if (values.out) await writeFile(values.out, csv);
    else io.out(csv.toString('utf8'));
    return 0;
  }
  if (verb === 'find') {
    if (!target) throw new UsageError('catalog find takes a barcode or some text');
    const found = await withCatalog(dataDir, (c) => {
      const exact = c.byBarcode(target);
      return exact ? [exact] : c.search(target, { includeInactive: true });
    });
    io.out(JSON.stringify(found));
    return 0;
  }
  if (verb === 'low-stock') {
    if (target) throw new UsageError('catalog low-stock takes --threshold N, not a positional');
    const threshold = values.threshold === undefined ? LOW_STOCK_AT : Number(values.threshold);
    if (!Number.isSafeInteger(threshold) || threshold < 0) throw new UsageError(`--threshold takes a whole number of pieces, not ${values.threshold}`);
    // Opening the catalog first moves the stock of any sale the till journaled but had not applied.
    io.out(JSON.stringify(await withCatalog(dataDir, (c) => c.lowStock(threshold))));
    return 0;
  }
  throw new UsageError(`expected import, export, find or low-stock, got ${JSON.stringify(verb ?? '')}`);
}

export const catalogCommand: PosCommand = {
  name: 'catalog',
  summary: "import, export or search the shop's items, or list the low-stock ones (CSV: barcode,name,price,tax,category[,stock])",
  usage: 'catalog import <file.csv> [--data DIR] [--dry-run] | catalog export [--out FILE] [--data DIR] | catalog find <barcode|text> [--data DIR] | catalog low-stock [--threshold N] [--data DIR]',
  run,
};
