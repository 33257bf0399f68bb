import { DIFFERENCE_KINDS, type DifferenceKind, type Reconciliation, type ReconciliationItem, differenceKey } from './report-schema.js';

type AnyDifference = ReconciliationItem & { fee?: number; expectedFee?: number; net?: number; expectedNet?: number };

/** The difference a key names in a reconciliation, with its kind. */
export function findDifference(reconciliation: Reconciliation, key: string): { kind: DifferenceKind; item: AnyDifference } | undefined {
  for (const kind of DIFFERENCE_KINDS) {
    const item = (reconciliation[kind] as AnyDifference[]).find((i) => differenceKey(kind, i) === key);
    if (item) return { kind, item };
  }
  return undefined;
}

/**
 * What writing a difference off costs the till's books (+) or gives them
 * (−), in won: the till's amount less the gateway's for a line both or one
 * of them booked; the whole second charge of a duplicate; the net the
 * gateway kept back for a wrong fee. A wallet or customer-currency mismatch
 * moves no won.
 */
export function writeOffAmount({ kind, item }: { kind: DifferenceKind; item: AnyDifference }): number {
  switch (kind) {
    case 'missingAtGateway':
    case 'missingInPos':
    case 'mismatched':
      return (item.posAmount ?? 0) - (item.gatewayAmount ?? 0);
    case 'duplicates':
      return -(item.gatewayAmount ?? 0);
    case 'feeMismatched':
      return (item.expectedNet ?? 0) - (item.net ?? 0);
    case 'walletMismatched':
    case 'customerMismatched':
      return 0;
  }
}
