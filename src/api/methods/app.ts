import { defineMethods } from '../contract.js';
import { appInfoSchema, appStatusSchema, noInput } from '../schemas/app.js';

/** What the till is and how it is doing. */
export const appMethods = defineMethods({
  'app.info': {
    summary: 'Version, training or live mode, and terminal id',
    input: noInput,
    result: appInfoSchema,
    role: 'display',
  },
  'app.status': {
    summary: 'Gateway connectivity, outbox depth, printer and scanners',
    input: noInput,
    result: appStatusSchema,
    role: 'display',
  },
});
