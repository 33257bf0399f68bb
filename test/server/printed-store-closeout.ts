import { expect } from 'vitest';
import { EscPosReceiptEncoder, decodeEscPos, decodedText, printerProfile } from '../../native/printer/index.js';
import { displayWidth } from '../../src/receipts/index.js';
import { buildStoreCloseoutDocument } from '../../src/store/index.js';
import type { StoreCloseout } from '../../src/store/store-closeout-schema.js';

/** The store close-out's lines as the virtual printer reads them back for a profile, each checked to fit the paper. */
export function printedStoreCloseout(closeout: StoreCloseout, profileId: 'korean-80' | 'korean-58'): string[] {
  const profile = printerProfile(profileId);
  const decoded = decodeEscPos(new EscPosReceiptEncoder(profile).encode(buildStoreCloseoutDocument(closeout)));
  expect(decoded.warnings).toEqual([]);
  const lines = decodedText(decoded, profile.columns.fontA);
  expect(lines.every((line) => displayWidth(line) <= profile.columns.fontA)).toBe(true);
  return lines;
}
