/**
 * EMV MPM parser: payload → the typed description `buildEmvMpm` takes, so
 * `parseEmvMpm(buildEmvMpm(x))` gives `x` back. Tolerant of the deviations
 * real payloads show (format indicator 02 in DuitNow, missing 52/59/60 in
 * VietQR, amount "0" and 16-character cities in Pix samples): those are
 * reported as found, not refused. Strict on structure and CRC (see decode).
 */
import { decodeEmvMpm } from './emv-mpm-decode.js';
import {
  ADDITIONAL_DATA_IDS,
  ALTERNATE_LANGUAGE_IDS,
  ID_RANGES,
  POINT_OF_INITIATION,
  ROOT_IDS,
  TEMPLATE_IDS,
  inRange,
} from './emv-mpm-fields.js';
import type { EmvMpm, MpmTemplate } from './emv-mpm-types.js';
import { EmvFieldError } from './errors.js';
import type { MpmDataObject } from './mpm-tlv.js';

type PlainKey = Exclude<keyof typeof ROOT_IDS, 'pointOfInitiation' | 'tipOrConvenienceIndicator'>;
const PLAIN_KEYS = invert(ROOT_IDS) as Record<string, PlainKey | undefined>;
const INITIATION = invert(POINT_OF_INITIATION);
const ADDITIONAL_DATA_KEYS = invert(ADDITIONAL_DATA_IDS);
const ALTERNATE_LANGUAGE_KEYS = invert(ALTERNATE_LANGUAGE_IDS);
const TIP_INDICATORS = new Set(['01', '02', '03']);

/** Parses and verifies `payload`; throws a `CodeError` saying what is wrong and where. */
export function parseEmvMpm(payload: string): EmvMpm {
  const mpm: EmvMpm = { payloadFormatIndicator: '', merchantAccounts: {} };
  for (const { id, value, offset, children = [] } of decodeEmvMpm(payload)) {
    if (id === ROOT_IDS.pointOfInitiation) {
      const initiation = INITIATION[value];
      if (!initiation)
        throw new EmvFieldError(
          'pointOfInitiation',
          `must be 11 (static) or 12 (dynamic), got "${value}"`,
          { offset, tag: id },
        );
      mpm.pointOfInitiation = initiation;
    } else if (id === ROOT_IDS.tipOrConvenienceIndicator) {
      if (!TIP_INDICATORS.has(value))
        throw new EmvFieldError(
          'tipOrConvenienceIndicator',
          `must be 01, 02 or 03, got "${value}"`,
          { offset, tag: id },
        );
      mpm.tipOrConvenienceIndicator = value as '01' | '02' | '03';
    } else if (PLAIN_KEYS[id]) {
      mpm[PLAIN_KEYS[id]] = value;
    } else if (inRange(id, ID_RANGES.accountPrimitive)) {
      mpm.merchantAccounts[id] = value;
    } else if (inRange(id, ID_RANGES.accountTemplate)) {
      mpm.merchantAccounts[id] = toTemplate(children);
    } else if (id === TEMPLATE_IDS.additionalData) {
      mpm.additionalData = toNamed(children, ADDITIONAL_DATA_KEYS);
    } else if (id === TEMPLATE_IDS.alternateLanguage) {
      mpm.alternateLanguage = toNamed(children, ALTERNATE_LANGUAGE_KEYS);
    } else if (inRange(id, ID_RANGES.rfu)) {
      (mpm.rfu ??= {})[id] = value;
    } else if (inRange(id, ID_RANGES.unreserved)) {
      (mpm.unreserved ??= {})[id] = toTemplate(children);
    }
    // 63 (the CRC) was verified by decodeEmvMpm and is not part of the description.
  }
  return mpm;
}

function toTemplate(children: readonly MpmDataObject[]): MpmTemplate {
  const template: MpmTemplate = {};
  for (const child of children) template[child.id] = child.value;
  return template;
}

/** Sub-objects → named fields through `keys` (sub-ID → key); unknown sub-IDs land in `other`. */
function toNamed<K extends string>(
  children: readonly MpmDataObject[],
  keys: Partial<Record<string, K>>,
) {
  const named: Partial<Record<K, string>> = {};
  let other: MpmTemplate | undefined;
  for (const { id, value } of children) {
    const key = keys[id];
    if (key) named[key] = value;
    else (other ??= {})[id] = value;
  }
  return other ? { ...named, other } : named;
}

function invert<K extends string, V extends string>(
  table: Record<K, V>,
): Partial<Record<string, K>> {
  const inverse: Partial<Record<string, K>> = {};
  for (const key of Object.keys(table) as K[]) inverse[table[key]] = key;
  return inverse;
}
