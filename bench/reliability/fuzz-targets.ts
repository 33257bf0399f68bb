import { EscPosReceiptEncoder } from '../../native/printer/escpos-encoder.js';
import { EscPosDecodeError, EscPosDecoder } from '../../native/printer/decoder/escpos-decoder.js';
import { PngDirectoryImageSource } from '../../native/printer/image-source.js';
import { printerProfile } from '../../native/printer/profiles.js';
import { sampleReceipt } from '../../native/printer/sample-receipt.js';
import {
  HidPosAssembler,
  HidReportError,
  decodeHidPosReport,
} from '../../native/scanners/hid-pos-report.js';
import { methods } from '../../src/api/table.js';
import {
  CodeError,
  buildDynamicMpm,
  buildEmvMpm,
  classifyScan,
  decodeEmvMpm,
  emvCrc,
  merchantProfileSchema,
  parseEmvCpm,
  parseEmvMpm,
} from '../../src/codes/index.js';
import { ScanDecodeError, decodeScanBytes, scanTextSchema } from '../../src/devices/scanner.js';
import { money } from '../../src/money/index.js';
import { gatewayEventSchema } from '../../src/relay/protocol.js';
import { SseParser } from '../../src/relay/sse-parser.js';
import type { FuzzTarget } from './fuzz-engine.js';

/**
 * The parsers that take bytes from outside the till, each with the typed
 * error it may refuse an input with: scanned codes (EMV MPM and CPM, wallet
 * payment codes), scanner HID reports, the gateway's event stream, printer
 * bytes read back by the virtual printer, and contract inputs from a window.
 */

const utf8 = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const isCodeError = (error: unknown) => error instanceof CodeError;

const merchant = merchantProfileSchema.parse({
  merchantName: 'HANGANG BUNSIK',
  merchantCity: 'SEOUL',
  merchantCategoryCode: '5812',
  account: { templateId: '26', gui: 'kr.zeropay', merchantId: 'M0001234' },
  alternateLanguage: { languagePreference: 'ko', merchantName: '한강분식', merchantCity: '서울' },
});
const MPM_SEEDS = [
  buildDynamicMpm(merchant, { amount: money(15000, 'KRW'), billNumber: 'B20260105-0042' }),
  buildEmvMpm({
    pointOfInitiation: 'static',
    merchantAccounts: {
      '26': { '00': 'kr.zeropay', '01': 'M0001234' },
      '51': { '00': 'KR.SANDBOX.RELAY' },
    },
    merchantCategoryCode: '5411',
    transactionCurrency: '410',
    countryCode: 'KR',
    merchantName: 'COUNTER STORE',
    merchantCity: 'SEOUL',
    additionalData: { storeLabel: 'S1', terminalLabel: 'POS01' },
  }),
];
// The EMVCo CPM specification's example: 85 "CPV01", two 61 application templates, 62 common data.
const CPM_EXAMPLE =
  'hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRIT0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==';
const WALLET_CODES = [
  '134728953980228598',
  '251001020123456789012345',
  '6228376427820283746',
  'ZP123456789012340091',
  '281234567890123456780051',
];

const text = (values: string[]) => values.map((v) => Uint8Array.from(Buffer.from(v, 'utf8')));

/** Recomputes tag 63 when the input ends in one, so mutations reach the TLV parser behind the CRC. */
function repairCrc(input: Uint8Array): Uint8Array {
  const payload = utf8(input);
  const at = payload.lastIndexOf('6304');
  if (at < 0) return input;
  const body = payload.slice(0, at + 4);
  return Uint8Array.from(Buffer.from(body + emvCrc(body), 'utf8'));
}

/** A 64-byte HID POS report (with report id 0x02) carrying `data` with AIM id `]Q0`. */
function hidReport(data: string, more: boolean): Uint8Array {
  const report = new Uint8Array(64);
  const bytes = Buffer.from(data, 'utf8');
  report.set([0x02, bytes.length, 0x5d, 0x51, 0x30]);
  report.set(bytes, 5);
  report[61] = 0x73;
  report[63] = more ? 1 : 0;
  return report;
}

const SSE_SEED = [
  ': connected',
  '',
  'id: 41',
  'event: payment.succeeded',
  `data: ${JSON.stringify({ id: '41', type: 'payment.succeeded', payment: { paymentId: 'SB1', paymentRequestId: 'T01-0001-AB', status: 'SUCCESS', scenario: 'CPM', amount: { currency: 'KRW', value: '4500' }, refundedValue: '0', createdAt: '2026-01-05T01:00:00.000Z' } })}`,
  '',
  'retry: 500',
  'id: 42\r\ndata: {"id":"42"}\r\ndata: second line\r\n\r\n: keep-alive\n\n',
].join('\n');

const CONTRACT_SEEDS = text([
  '{}',
  'null',
  '{"lines":[{"name":"Americano","unitPrice":4500,"quantity":1,"tax":"taxable"}],"discount":0}',
  '{"saleId":"S-20260105-0001","code":"134728953980227777"}',
  '{"saleId":"S1","amount":4500,"tendered":10000}',
  '{"receiptNumber":"20260105-0001","amount":1000,"pin":"1234","reason":"customer"}',
  '{"language":"zh","mute":true,"store":{"name":"가게"}}',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(2000)}${']'.repeat(2000)}`,
  '{"amount":1e308,"quantity":-0,"unitPrice":9007199254740993}',
]);

const allInputSchemas = Object.values(methods).map((spec) => spec.input);

/** Every parser the reliability report fuzzes. */
export function fuzzTargets(): FuzzTarget[] {
  const receipt = new EscPosReceiptEncoder(
    printerProfile('korean-80'),
    new PngDirectoryImageSource(),
  ).encode(sampleReceipt(2));
  const assembler = new HidPosAssembler();
  return [
    {
      name: 'emv-mpm',
      seeds: text(MPM_SEEDS),
      run: (input) => {
        parseEmvMpm(utf8(input));
        decodeEmvMpm(utf8(input));
      },
      isTypedError: isCodeError,
      repair: repairCrc,
    },
    {
      name: 'emv-cpm',
      seeds: [Uint8Array.from(Buffer.from(CPM_EXAMPLE, 'base64'))],
      // Mutate the BER-TLV bytes, then present them as the scanner would: base64 text.
      run: (input) => void parseEmvCpm(Buffer.from(input).toString('base64')),
      isTypedError: isCodeError,
    },
    {
      name: 'payment-code-classify',
      seeds: text([...WALLET_CODES, ...MPM_SEEDS, CPM_EXAMPLE]),
      run: (input) => {
        classifyScan(utf8(input));
        classifyScan(latin1(input));
      },
      isTypedError: isCodeError,
    },
    {
      name: 'escpos-decoder',
      seeds: [receipt],
      run: (input) => {
        // In two chunks split at an arbitrary byte, as TCP delivers them.
        const decoder = new EscPosDecoder({ startsInDoubleByte: input.length % 2 === 0 });
        const cut = input.length ? input[0]! % input.length : 0;
        decoder.push(input.subarray(0, cut));
        decoder.push(input.subarray(cut));
        decoder.finish();
      },
      isTypedError: (error) => error instanceof EscPosDecodeError,
    },
    {
      name: 'scanner-hid-report',
      seeds: [
        hidReport('134728953980228598', false),
        hidReport(CPM_EXAMPLE.slice(0, 56), true),
        hidReport('한글 QR', false),
        hidReport('', false).subarray(1),
      ],
      run: (input) => {
        // The assembler keeps state across reports, as the driver's does.
        const scan = assembler.push(
          decodeHidPosReport(input, (['auto', 'present', 'absent'] as const)[input.length % 3]),
        );
        if (scan) scanTextSchema.safeParse(decodeScanBytes(scan.bytes));
      },
      isTypedError: (error) => error instanceof HidReportError || error instanceof ScanDecodeError,
    },
    {
      name: 'sse-parser',
      seeds: text([SSE_SEED]),
      run: (input) => {
        const parser = new SseParser();
        const stream = utf8(input);
        const step = 1 + (input.length ? input[0]! % 64 : 0);
        for (let at = 0; at < stream.length; at += step) {
          for (const event of parser.push(stream.slice(at, at + step))) {
            // The event stream drops data that is not JSON: that refusal is not a crash.
            let data: unknown;
            try {
              data = JSON.parse(event.data);
            } catch {
              continue;
            }
            gatewayEventSchema.safeParse(data);
          }
        }
      },
      // The parser refuses nothing: it must never throw.
      isTypedError: () => false,
    },
    {
      name: 'contract-input',
      seeds: CONTRACT_SEEDS,
      run: (input) => {
        let value: unknown;
        try {
          value = JSON.parse(utf8(input));
        } catch {
          return; // Not JSON: the transport refuses it before any schema sees it.
        }
        for (const schema of allInputSchemas) schema.safeParse(value);
        if (({} as Record<string, unknown>).polluted !== undefined)
          throw new Error('Object.prototype was polluted');
      },
      isTypedError: () => false,
    },
  ];
}
