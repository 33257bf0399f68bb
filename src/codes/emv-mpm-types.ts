/**
 * The typed description of an EMV merchant-presented QR payload. The shape
 * says what a payload *may* carry (the parser fills it from real payloads,
 * which skip fields the spec calls mandatory); the refinements say what the
 * spec *requires* (EMV QRCPS MPM v1.1), and the builder enforces
 * them before it writes a single character.
 */
import { z } from 'zod';
import { charCount, isAns, isNumeric, isWellFormed } from './emv-text.js';
import { ID_RANGES, inRange } from './emv-mpm-fields.js';

type Format = 'N' | 'ans' | 'S';

/** A value of EMV format N (digits), ans (printable ASCII) or S (any Unicode), counted in characters. */
function text(format: Format, max: number, exact = false) {
  return z.string().superRefine((value, ctx) => {
    const length = charCount(value);
    if (exact ? length !== max : length < 1 || length > max) {
      ctx.addIssue({
        code: 'custom',
        message: `must be ${exact ? '' : '1-'}${max} characters, got ${length}`,
      });
    } else if (format === 'N' && !isNumeric(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be digits only (format N)' });
    } else if (format === 'ans' && !isAns(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'must be printable ASCII (format ans); put local-script names in alternateLanguage (64)',
      });
    } else if (!isWellFormed(value)) {
      ctx.addIssue({ code: 'custom', message: 'is not well-formed Unicode (lone surrogate)' });
    }
  });
}

/** Amount as the spec writes it: digits, optional `.` and decimals, not zero. */
function amount(max: number) {
  return z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be digits with an optional "." decimal part')
    .refine(
      (value) => value.length <= max && /[1-9]/.test(value),
      `must be 1-${max} characters and not zero`,
    );
}

function idIn([low, high]: readonly [number, number]) {
  const label = `${String(low).padStart(2, '0')}-${high}`;
  return z
    .string()
    .refine((id) => /^\d\d$/.test(id) && inRange(id, [low, high]), `ID must be ${label}`);
}

const anySubId = idIn([0, 99]);

/** Sub-fields of a template, sub-ID → value. */
export const mpmTemplateSchema = z.record(anySubId, text('S', 99));

/** A template whose sub-ID 00 is a globally unique identifier (26-51, 80-99). */
const guiTemplate = mpmTemplateSchema.superRefine((template, ctx) => {
  const gui = template['00'];
  if (gui === undefined)
    ctx.addIssue({ code: 'custom', message: 'needs sub-ID 00, the globally unique identifier' });
  else if (charCount(gui) > 32 || !isAns(gui)) {
    ctx.addIssue({
      code: 'custom',
      path: ['00'],
      message: 'globally unique identifier must be 1-32 printable ASCII characters',
    });
  }
});

const merchantAccountsSchema = z
  .record(
    idIn([ID_RANGES.accountPrimitive[0], ID_RANGES.accountTemplate[1]]),
    z.union([text('ans', 99), mpmTemplateSchema]),
  )
  .superRefine((accounts, ctx) => {
    for (const [id, account] of Object.entries(accounts)) {
      const wantsTemplate = inRange(id, ID_RANGES.accountTemplate);
      if (wantsTemplate !== (typeof account === 'object')) {
        ctx.addIssue({
          code: 'custom',
          path: [id],
          message: wantsTemplate
            ? 'IDs 26-51 are templates (sub-ID → value)'
            : 'IDs 02-25 are single values',
        });
      } else if (wantsTemplate) {
        const checked = guiTemplate.safeParse(account);
        for (const issue of checked.error?.issues ?? [])
          ctx.addIssue({ code: 'custom', path: [id, ...issue.path], message: issue.message });
      }
    }
  });

/** Additional data field template (62). */
export const additionalDataSchema = z
  .object({
    billNumber: text('ans', 25).optional(),
    mobileNumber: text('ans', 25).optional(),
    storeLabel: text('ans', 25).optional(),
    loyaltyNumber: text('ans', 25).optional(),
    referenceLabel: text('ans', 25).optional(),
    customerLabel: text('ans', 25).optional(),
    terminalLabel: text('ans', 25).optional(),
    purposeOfTransaction: text('ans', 25).optional(),
    /** Any of A (address), M (mobile), E (email): data the wallet asks the customer for. */
    additionalConsumerDataRequest: z
      .string()
      .regex(/^(?!.*(.).*\1)[AME]{1,3}$/, 'must be up to three of A, M, E')
      .optional(),
    merchantTaxId: text('ans', 20).optional(),
    merchantChannel: text('ans', 3, true).optional(),
    /** RFU 12-49 and payment-system specific templates 50-99, kept verbatim. */
    other: z.record(idIn([12, 99]), text('S', 99)).optional(),
  })
  .refine(
    (data) => Object.values(data).some((value) => value !== undefined),
    'template 62 needs at least one field',
  );

/** Merchant information in an alternate language (64), e.g. the shop's Korean name. */
export const alternateLanguageSchema = z
  .object({
    /** ISO 639-1 code, e.g. "ko". */
    languagePreference: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 639 code')
      .optional(),
    merchantName: text('S', 25).optional(),
    merchantCity: text('S', 15).optional(),
    /** RFU 03-99, kept verbatim. */
    other: z.record(idIn([3, 99]), text('S', 99)).optional(),
  })
  .superRefine((data, ctx) => {
    if (data.languagePreference === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['languagePreference'],
        message: 'is required in template 64',
      });
    if (data.merchantName === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['merchantName'],
        message: 'is required in template 64',
      });
  });

/** The whole payload minus its CRC, which the builder computes and the parser checks. */
export const emvMpmSchema = z
  .object({
    payloadFormatIndicator: text('N', 2, true).default('01'),
    pointOfInitiation: z.enum(['static', 'dynamic']).optional(),
    /** 02-25: one value per network; 26-51: templates with GUI in 00. */
    merchantAccounts: merchantAccountsSchema,
    merchantCategoryCode: text('N', 4, true).optional(),
    /** ISO 4217 numeric: 410 KRW, 156 CNY. */
    transactionCurrency: text('N', 3, true).optional(),
    /** Absent: the customer types the amount. */
    transactionAmount: amount(13).optional(),
    /** 01 prompt for tip, 02 fixed fee (56), 03 percentage fee (57). */
    tipOrConvenienceIndicator: z.enum(['01', '02', '03']).optional(),
    convenienceFeeFixed: amount(13).optional(),
    convenienceFeePercentage: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be a percentage 0.01-99.99')
      .refine((v) => /[1-9]/.test(v), 'must not be zero')
      .optional(),
    /** ISO 3166-1 alpha-2. */
    countryCode: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be two upper-case letters (ISO 3166-1)')
      .optional(),
    merchantName: text('ans', 25).optional(),
    merchantCity: text('ans', 15).optional(),
    postalCode: text('ans', 10).optional(),
    additionalData: additionalDataSchema.optional(),
    alternateLanguage: alternateLanguageSchema.optional(),
    /** 65-79, reserved for EMVCo: kept verbatim. */
    rfu: z.record(idIn(ID_RANGES.rfu), text('S', 99)).optional(),
    /** 80-99 templates, sub-ID 00 = GUI. */
    unreserved: z.record(idIn(ID_RANGES.unreserved), guiTemplate).optional(),
  })
  .superRefine((mpm, ctx) => {
    if (mpm.payloadFormatIndicator !== '01') {
      ctx.addIssue({
        code: 'custom',
        path: ['payloadFormatIndicator'],
        message: 'must be 01 (other values are read, never written)',
      });
    }
    const required = [
      'merchantCategoryCode',
      'transactionCurrency',
      'countryCode',
      'merchantName',
      'merchantCity',
    ] as const;
    for (const key of required) {
      if (mpm[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'is mandatory in a merchant-presented QR',
        });
    }
    if (Object.keys(mpm.merchantAccounts).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['merchantAccounts'],
        message: 'needs at least one merchant account (02-51)',
      });
    }
    const tip = mpm.tipOrConvenienceIndicator;
    if ((tip === '02') !== (mpm.convenienceFeeFixed !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['convenienceFeeFixed'],
        message: 'is present exactly when tipOrConvenienceIndicator is 02',
      });
    }
    if ((tip === '03') !== (mpm.convenienceFeePercentage !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['convenienceFeePercentage'],
        message: 'is present exactly when tipOrConvenienceIndicator is 03',
      });
    }
  });

/** A payload's content: what `parseEmvMpm` returns and `buildEmvMpm` takes. */
export type EmvMpm = z.output<typeof emvMpmSchema>;
/** What `buildEmvMpm` accepts: as `EmvMpm`, with the format indicator defaulting to 01. */
export type EmvMpmInput = z.input<typeof emvMpmSchema>;
/** Sub-fields of a template, sub-ID → value. */
export type MpmTemplate = z.output<typeof mpmTemplateSchema>;
/** Additional data field template (62). */
export type MpmAdditionalData = z.output<typeof additionalDataSchema>;
/** Alternate language template (64). */
export type MpmAlternateLanguage = z.output<typeof alternateLanguageSchema>;
