import { z } from 'zod';
import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import { deviceListSchema, printerProfileInputSchema, submitScanSchema } from '../schemas/devices.js';
import { printOutcomeSchema } from '../schemas/history.js';

/** The counter's hardware: the device list, test print, scans from software scanners. */
export const devicesMethods = defineMethods({
  'devices.list': {
    summary: 'Scanners, printer and displays with their connection state',
    input: noInput,
    result: deviceListSchema,
  },
  'devices.testPrint': {
    summary: 'Prints a test receipt with Korean text',
    input: noInput,
    result: printOutcomeSchema,
  },
  'devices.submitScan': {
    summary: 'A code from the scan box or the keyboard-wedge detector; it goes to the checkout session like any scan',
    input: submitScanSchema,
    result: z.object({ accepted: z.boolean() }),
  },
  'devices.armScanTest': {
    summary: "Settings' test scan: the next scan returns as the scan event instead of paying",
    input: z.strictObject({ armed: z.boolean() }),
    result: z.object({ armed: z.boolean() }),
  },
  'devices.setPrinterProfile': {
    summary: "Chooses the receipt printer's profile (used from the next start; manager's PIN)",
    input: printerProfileInputSchema,
    result: deviceListSchema,
  },
});
