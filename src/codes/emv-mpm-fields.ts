/**
 * The IDs of EMV MPM data objects (EMV QRCPS MPM v1.1), one
 * table per level, key of the typed description → ID. The builder, the
 * parser and error messages all read these, so a field is named once.
 */

/** Root data objects with a meaning of their own. */
export const ROOT_IDS = {
  payloadFormatIndicator: '00',
  pointOfInitiation: '01',
  merchantCategoryCode: '52',
  transactionCurrency: '53',
  transactionAmount: '54',
  tipOrConvenienceIndicator: '55',
  convenienceFeeFixed: '56',
  convenienceFeePercentage: '57',
  countryCode: '58',
  merchantName: '59',
  merchantCity: '60',
  postalCode: '61',
} as const;

/** Root templates and the CRC. */
export const TEMPLATE_IDS = { additionalData: '62', crc: '63', alternateLanguage: '64' } as const;

/** Additional data field template (62): 12-49 are RFU, 50-99 payment-system templates. */
export const ADDITIONAL_DATA_IDS = {
  billNumber: '01',
  mobileNumber: '02',
  storeLabel: '03',
  loyaltyNumber: '04',
  referenceLabel: '05',
  customerLabel: '06',
  terminalLabel: '07',
  purposeOfTransaction: '08',
  additionalConsumerDataRequest: '09',
  merchantTaxId: '10',
  merchantChannel: '11',
} as const;

/** Merchant information, alternate language template (64): 03-99 are RFU. */
export const ALTERNATE_LANGUAGE_IDS = {
  languagePreference: '00',
  merchantName: '01',
  merchantCity: '02',
} as const;

/** Point of initiation (01): 11 for a code shown to many customers, 12 for one sale. */
export const POINT_OF_INITIATION = { static: '11', dynamic: '12' } as const;

/** Root ID ranges that hold families of data objects. */
export const ID_RANGES = {
  /** Merchant account information as one primitive value (Visa, Mastercard, UnionPay...). */
  accountPrimitive: [2, 25],
  /** Merchant account information templates, sub-ID 00 = globally unique identifier. */
  accountTemplate: [26, 51],
  /** Reserved for future use by EMVCo: kept verbatim. */
  rfu: [65, 79],
  /** Unreserved templates (KHQR puts timestamps in 99), sub-ID 00 = GUI. */
  unreserved: [80, 99],
} as const;

/** True when the two-digit `id` lies in one of the ranges above. */
export function inRange(id: string, [low, high]: readonly [number, number]): boolean {
  const n = Number(id);
  return n >= low && n <= high;
}

/** Names used for the error's `tag` when a field of the typed description is wrong. */
const NAMED_LEVELS: Record<string, Record<string, string>> = {
  additionalData: ADDITIONAL_DATA_IDS,
  alternateLanguage: ALTERNATE_LANGUAGE_IDS,
};

/**
 * Tag path of a field path of the typed description:
 * `['additionalData','billNumber']` → `62.01`, `['merchantAccounts','26','00']` → `26.00`.
 */
export function tagOfPath(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  if (head === undefined) return '';
  if (head in ROOT_IDS) return ROOT_IDS[head as keyof typeof ROOT_IDS];
  const level = NAMED_LEVELS[head];
  if (level) {
    const root = TEMPLATE_IDS[head as 'additionalData' | 'alternateLanguage'];
    const [key, sub] = rest;
    if (key === undefined || (key === 'other' && sub === undefined)) return root;
    return `${root}.${key === 'other' ? sub : (level[key] ?? key)}`;
  }
  return rest.join('.');
}
