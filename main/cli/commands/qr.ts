import { readFile } from 'node:fs/promises';
import {
  CodeError,
  type EmvMpmNode,
  type MerchantProfile,
  type ProductBarcode,
  buildDynamicMpm,
  classifyScan,
  decodeEmvMpm,
  merchantProfileSchema,
  parseEmvCpm,
} from '../../../src/codes/index.js';
import { currencyCodes, money } from '../../../src/money/index.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';

/**
 * Used when neither --config nor merchant flags are given, like training mode
 * when no gateway is configured: a payload no real wallet will pay.
 */
const TRAINING_MERCHANT: MerchantProfile = {
  merchantName: 'COUNTER POS TRAINING',
  merchantCity: 'SEOUL',
  countryCode: 'KR',
  merchantCategoryCode: '5999',
  account: { templateId: '26', gui: 'kr.counterpos.training', merchantId: 'TRAIN0001' },
  alternateLanguage: {
    languagePreference: 'ko',
    merchantName: '카운터 연습 매장',
    merchantCity: '서울',
  },
};

const MPM_OPTIONS = {
  amount: { type: 'string' },
  currency: { type: 'string', default: 'KRW' },
  bill: { type: 'string' },
  reference: { type: 'string' },
  config: { type: 'string' },
  'merchant-name': { type: 'string' },
  city: { type: 'string' },
  country: { type: 'string' },
  mcc: { type: 'string' },
  'account-tag': { type: 'string' },
  'account-gui': { type: 'string' },
  'account-id': { type: 'string' },
  store: { type: 'string' },
  terminal: { type: 'string' },
  language: { type: 'string' },
  'local-name': { type: 'string' },
  'local-city': { type: 'string' },
} as const;

/** `pos qr`: what a scanned code is, and the offline merchant QR of a sale. */
export const qrCommand: PosCommand = {
  name: 'qr',
  summary: 'parse a scanned code, or print a dynamic EMV merchant QR payload',
  usage:
    'qr parse <payload> | qr mpm --amount <minor units> --bill <no> [--currency KRW] [--config merchant.json] [...]',
  async run(args, io) {
    const [action, ...rest] = args;
    try {
      if (action === 'parse') return parse(rest, io);
      if (action === 'mpm') return await mpm(rest, io);
    } catch (error) {
      if (!(error instanceof CodeError)) throw error;
      io.err(`pos qr: ${error.message}`);
      return 1;
    }
    throw new UsageError(`expected "parse" or "mpm", got ${JSON.stringify(action ?? '')}`);
  },
};

function parse(args: string[], io: CommandIo): number {
  const { positionals } = parseCliArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('qr parse takes one payload (quote it)');
  const scan = classifyScan(positionals[0]!);
  if (scan.format === 'emv-mpm')
    io.out(`{"format":"emv-mpm","crcValid":true,"tags":${tagsJson(decodeEmvMpm(scan.code))}}`);
  else if (scan.format === 'emv-cpm')
    io.out(JSON.stringify({ format: 'emv-cpm', ...parseEmvCpm(scan.code) }));
  else if (scan.format === 'product-barcode') return productBarcode(scan, io);
  else io.out(JSON.stringify({ format: 'payment-code', wallet: scan.wallet }));
  return 0;
}

/** A product code: its symbology and check digit; a wrong check digit is named and exits 1. */
function productBarcode(scan: ProductBarcode, io: CommandIo): number {
  const { code, ...shape } = scan;
  io.out(JSON.stringify({ format: 'product-barcode', ...shape }));
  if (scan.checkDigitValid) return 0;
  io.err(
    `pos qr: wrong check digit in ${scan.symbology} ${code}: the last digit is ${code.at(-1)}, the data before it gives ${scan.expectedCheckDigit}`,
  );
  return 1;
}

/**
 * Tags in payload order. JSON.stringify of an object would print "26".."99"
 * before "00" and "01" (integer-like keys come first in JavaScript objects).
 */
function tagsJson(nodes: readonly EmvMpmNode[]): string {
  const entry = (id: string, json: string) => `${JSON.stringify(id)}:${json}`;
  const value = (node: EmvMpmNode) =>
    node.children
      ? `{${node.children.map((child) => entry(child.id, JSON.stringify(child.value))).join(',')}}`
      : JSON.stringify(node.value);
  return `{${nodes.map((node) => entry(node.id, value(node))).join(',')}}`;
}

async function mpm(args: string[], io: CommandIo): Promise<number> {
  const { values } = parseCliArgs({ args, options: MPM_OPTIONS });
  if (
    !values.amount ||
    !/^\d+$/.test(values.amount) ||
    !Number.isSafeInteger(Number(values.amount))
  )
    throw new UsageError('--amount takes a whole number of minor units (KRW: won)');
  if (!values.bill) throw new UsageError("--bill takes the sale's bill number");
  if (!currencyCodes.includes(values.currency))
    throw new UsageError(`--currency must be one of ${currencyCodes.join(', ')}`);
  const merchant = await merchantOf(values, io);
  const amount = money(Number(values.amount), values.currency);
  io.out(
    buildDynamicMpm(merchant, {
      amount,
      billNumber: values.bill,
      referenceLabel: values.reference,
    }),
  );
  return 0;
}

type MpmValues = ReturnType<typeof parseCliArgs<{ options: typeof MPM_OPTIONS }>>['values'];

/** The merchant: --config file, then merchant flags on top; the training merchant when neither is given. */
async function merchantOf(values: MpmValues, io: CommandIo): Promise<MerchantProfile> {
  const merchantFlags = {
    merchantName: values['merchant-name'],
    merchantCity: values.city,
    countryCode: values.country,
    merchantCategoryCode: values.mcc,
    storeLabel: values.store,
    terminalLabel: values.terminal,
  };
  const account = {
    templateId: values['account-tag'],
    gui: values['account-gui'],
    merchantId: values['account-id'],
  };
  const local = {
    languagePreference: values.language,
    merchantName: values['local-name'],
    merchantCity: values['local-city'],
  };
  const flagged = [merchantFlags, account, local].some((group) =>
    Object.values(group).some((value) => value !== undefined),
  );
  if (!values.config && !flagged) {
    io.err(
      'pos qr: no --config or merchant flags: using the training merchant (no wallet will pay this code)',
    );
    return TRAINING_MERCHANT;
  }
  const base = values.config ? await readConfig(values.config) : {};
  const localGiven = Object.values(local).some((value) => value !== undefined);
  const merged = {
    ...base,
    ...defined(merchantFlags),
    account: { ...(base.account as object | undefined), ...defined(account) },
    alternateLanguage:
      base.alternateLanguage || localGiven
        ? { ...(base.alternateLanguage as object | undefined), ...defined(local) }
        : undefined,
  };
  const checked = merchantProfileSchema.safeParse(merged);
  if (!checked.success) {
    const problems = checked.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new UsageError(`merchant incomplete (--config file or flags): ${problems.join('; ')}`);
  }
  return checked.data;
}

async function readConfig(path: string): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
    throw new Error('not a JSON object');
  } catch (error) {
    throw new UsageError(`--config ${path}: ${(error as Error).message}`);
  }
}

function defined<T extends Record<string, string | undefined>>(group: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(group).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
