/**
 * The shop's side of a merchant-presented QR: who is paid (account template,
 * names, category) is configuration, what is paid (amount, bill number) is
 * the sale. Offline, the customer display shows `buildDynamicMpm` of both
 * (design: "Offline MPM"), and `pos qr mpm` prints the same payload.
 */
import { z } from 'zod';
import { type Money, currency, toDecimalString } from '../money/index.js';
import { BILL_VALIDITY_ID, billValidityTemplate } from './bill-validity.js';
import { buildEmvMpm } from './emv-mpm-build.js';

/**
 * A merchant as configured (JSON file or settings). Only the shape is checked
 * here; the EMV rules (lengths, character sets) are checked by the builder,
 * whose errors name the EMV field.
 */
export const merchantProfileSchema = z.object({
  merchantName: z.string(),
  merchantCity: z.string(),
  countryCode: z.string().default('KR'),
  /** ISO 18245 merchant category code; 5999 = miscellaneous retail. */
  merchantCategoryCode: z.string().default('5999'),
  /** Merchant account template: its ID (26-51), GUI (sub-ID 00) and merchant ID (01). */
  account: z.object({
    templateId: z.string().default('26'),
    gui: z.string(),
    merchantId: z.string().optional(),
  }),
  /** The shop's name in Korean (or another language), template 64. */
  alternateLanguage: z
    .object({
      languagePreference: z.string().default('ko'),
      merchantName: z.string(),
      merchantCity: z.string().optional(),
    })
    .optional(),
  storeLabel: z.string().optional(),
  terminalLabel: z.string().optional(),
});

/** A configured merchant. */
export type MerchantProfile = z.output<typeof merchantProfileSchema>;

/** What one sale adds to the merchant's QR. */
export interface MpmSale {
  amount: Money;
  /** The sale's bill number (62.01), so the gateway's report can be matched to it. */
  billNumber: string;
  referenceLabel?: string;
  /** An offline bill's last payable moment (ms since the epoch), carried in 62.50 for the gateway to enforce. */
  validUntil?: number;
}

/** The dynamic (point of initiation 12) payload for one sale of `merchant`. */
export function buildDynamicMpm(merchant: MerchantProfile, sale: MpmSale): string {
  const { account } = merchant;
  return buildEmvMpm({
    pointOfInitiation: 'dynamic',
    merchantAccounts: {
      [account.templateId]:
        account.merchantId === undefined
          ? { '00': account.gui }
          : { '00': account.gui, '01': account.merchantId },
    },
    merchantCategoryCode: merchant.merchantCategoryCode,
    transactionCurrency: currency(sale.amount.currency).numeric,
    transactionAmount: toDecimalString(sale.amount),
    countryCode: merchant.countryCode,
    merchantName: merchant.merchantName,
    merchantCity: merchant.merchantCity,
    additionalData: {
      billNumber: sale.billNumber,
      referenceLabel: sale.referenceLabel,
      storeLabel: merchant.storeLabel,
      terminalLabel: merchant.terminalLabel,
      ...(sale.validUntil === undefined ? {} : { other: { [BILL_VALIDITY_ID]: billValidityTemplate(account.gui, sale.validUntil) } }),
    },
    alternateLanguage: merchant.alternateLanguage,
  });
}
