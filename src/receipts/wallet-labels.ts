/**
 * The wallets' names on Korean paper (receipts, the Z) and in the Korean UI:
 * one table, so a receipt, the Z and the history never call one wallet two
 * names. Keys are the wallet ids the gateway reports (`src/codes`,
 * payment-code-rules.ts). The receipt names the wallet the gateway reported.
 */
export const WALLET_LABELS_KO = {
  zeropay: '제로페이',
  'wechat-pay': '위챗페이',
  alipay: '알리페이+',
  unionpay: '유니온페이',
} as const satisfies Record<string, string>;

/** What a tender paid by a wallet nobody named is called (the gateway reported none). */
export const UNNAMED_WALLET_KO = '간편결제';

/** The Korean name of a wallet id, or the generic word when it is unknown. */
export function walletLabelKo(wallet: string | null | undefined): string {
  return (wallet && Object.hasOwn(WALLET_LABELS_KO, wallet) ? WALLET_LABELS_KO[wallet as keyof typeof WALLET_LABELS_KO] : undefined) ?? UNNAMED_WALLET_KO;
}

/** 현금영수증 용도 as the National Tax Service prints it. */
export const CASH_RECEIPT_PURPOSE_KO = { deduction: '소득공제', 'expense-proof': '지출증빙' } as const;
