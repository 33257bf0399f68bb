/**
 * EMV CPM parser (EMV QRCPS Consumer-Presented Mode v1.1): the
 * customer's wallet shows base64 of BER-TLV: `85` "CPV01", one or more
 * application templates `61`, optionally common data `62`. Each template
 * carries EMV tags (AID, label, track 2, PAN, names, 9F..) and a transparent
 * template (63 in 61, 64 in 62) with the cryptogram data the issuer checks.
 */
import { type BerTlv, readBerTlvs, toHex } from './ber-tlv.js';
import { EmvFormatError } from './errors.js';

/** Fields of an application template (61) or the common data template (62). */
export interface CpmDataGroup {
  /** 4F, hex. */
  aid?: string;
  /** 50. */
  applicationLabel?: string;
  /** 57, hex (the separator shows as D). */
  track2?: string;
  /** 5A, digits with the F padding removed. */
  pan?: string;
  /** 5F20. */
  cardholderName?: string;
  /** 5F2D, e.g. "koen". */
  languagePreference?: string;
  /** 5F50. */
  issuerUrl?: string;
  /** 9F08, hex. */
  applicationVersion?: string;
  /** 9F19, hex. */
  tokenRequestorId?: string;
  /** 9F24. */
  paymentAccountReference?: string;
  /** 9F25, hex digits. */
  panLast4?: string;
  /** 63 (in 61) or 64 (in 62): tag → hex value, e.g. 9F26 application cryptogram. */
  transparentTemplate?: Record<string, string>;
  /** Any other tag → hex value. */
  other?: Record<string, string>;
}

/** A decoded consumer-presented QR. */
export interface EmvCpm {
  payloadFormatIndicator: 'CPV01';
  applications: CpmDataGroup[];
  commonData?: CpmDataGroup;
}

type NamedKey = Exclude<keyof CpmDataGroup, 'transparentTemplate' | 'other'>;
type Decoding = 'hex' | 'text' | 'digits';

/** Tag → field and how its bytes read: b as hex, ans as text, cn as digits. */
const CPM_FIELDS: Record<string, [NamedKey, Decoding]> = {
  '4F': ['aid', 'hex'],
  '50': ['applicationLabel', 'text'],
  '57': ['track2', 'hex'],
  '5A': ['pan', 'digits'],
  '5F20': ['cardholderName', 'text'],
  '5F2D': ['languagePreference', 'text'],
  '5F50': ['issuerUrl', 'text'],
  '9F08': ['applicationVersion', 'hex'],
  '9F19': ['tokenRequestorId', 'hex'],
  '9F24': ['paymentAccountReference', 'text'],
  '9F25': ['panLast4', 'hex'],
};

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const FORMAT_INDICATOR = 'CPV01';
/** One application template per payment application the wallet offers. */
const APPLICATION_TEMPLATES: ReadonlySet<string> = new Set(['61']);

/**
 * Decodes the base64 `code`; throws an `EmvFormatError` (reason malformed)
 * for bad base64, broken BER-TLV, a wrong format indicator, an unexpected
 * top-level tag or a payload with no application template.
 */
export function parseEmvCpm(code: string): EmvCpm {
  if (!BASE64.test(code) || code.length % 4 === 1) throw new EmvFormatError('not base64');
  const bytes = new Uint8Array(Buffer.from(code, 'base64'));
  const [indicator, ...rest] = readBerTlvs(
    bytes,
    0,
    bytes.length,
    undefined,
    APPLICATION_TEMPLATES,
  );
  if (indicator?.tag !== '85' || readText(indicator.value) !== FORMAT_INDICATOR) {
    throw new EmvFormatError(`a consumer-presented QR starts with 85 "${FORMAT_INDICATOR}"`, {
      offset: 0,
      tag: indicator?.tag,
    });
  }
  const cpm: EmvCpm = { payloadFormatIndicator: FORMAT_INDICATOR, applications: [] };
  for (const object of rest) {
    if (object.tag === '61') cpm.applications.push(readGroup(bytes, object, '63'));
    else if (object.tag === '62') cpm.commonData = readGroup(bytes, object, '64');
    else
      throw new EmvFormatError('unexpected tag at top level (only 61 and 62 may follow 85)', {
        offset: object.offset,
        tag: object.tag,
      });
  }
  if (cpm.applications.length === 0) {
    throw new EmvFormatError(
      'no application template (61): a consumer-presented QR names at least one payment application',
      { tag: '61' },
    );
  }
  return cpm;
}

function readGroup(bytes: Uint8Array, template: BerTlv, transparentTag: string): CpmDataGroup {
  const group: CpmDataGroup = {};
  for (const { tag, value } of children(bytes, template.value, template.tag)) {
    const field = CPM_FIELDS[tag];
    if (field) group[field[0]] = decode(value, field[1]);
    else if (tag === transparentTag)
      group.transparentTemplate = toRecord(children(bytes, value, `${template.tag}.${tag}`));
    else (group.other ??= {})[tag] = toHex(value);
  }
  return group;
}

/** Data objects inside `value` (a view into `bytes`), with offsets into the whole payload. */
function children(bytes: Uint8Array, value: Uint8Array, path: string): BerTlv[] {
  const start = value.byteOffset - bytes.byteOffset;
  return readBerTlvs(bytes, start, start + value.length, path);
}

function toRecord(objects: readonly BerTlv[]): Record<string, string> {
  const record: Record<string, string> = {};
  for (const { tag, value } of objects) record[tag] = toHex(value);
  return record;
}

function decode(value: Uint8Array, how: Decoding): string {
  if (how === 'text') return readText(value);
  const hex = toHex(value);
  return how === 'digits' ? hex.replace(/F+$/, '') : hex;
}

/** EMV ans/an values are ASCII; latin1 never throws on stray bytes. */
function readText(value: Uint8Array): string {
  return Buffer.from(value.buffer, value.byteOffset, value.length).toString('latin1');
}
