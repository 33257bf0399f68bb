import type { z } from 'zod';
import type { closeoutReportSchema } from '../../../../src/api/schemas/closeout.js';
import { pos } from '../../client.js';

export type CloseoutFigures = z.infer<typeof closeoutReportSchema>;

/** The X report (a snapshot that changes nothing). */
export function xReport(): Promise<CloseoutFigures> {
  return pos()['closeout.x']({});
}

/** The Z report: closes the business day the screen showed (the owner's PIN). */
export function zReport(ownerPin: string, businessDate: string): Promise<CloseoutFigures> {
  return pos()['closeout.z']({ ownerPin, businessDate });
}
