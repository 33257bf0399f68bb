import { defineMethods } from '../contract.js';
import { noInput } from '../schemas/app.js';
import {
  receiptImageInputSchema,
  receiptImageSchema,
  setGatewayRunningSchema,
  trainingInfoSchema,
  trainingReceiptsSchema,
} from '../schemas/training.js';

/** Training mode: the embedded sandbox gateway and the virtual printer's receipts. */
export const trainingMethods = defineMethods({
  'training.info': {
    summary: 'The embedded sandbox gateway and its customer-phone page',
    input: noInput,
    result: trainingInfoSchema,
  },
  'training.setGatewayRunning': {
    summary: 'Stops or restarts the embedded sandbox gateway, to practise an outage',
    input: setGatewayRunningSchema,
    result: trainingInfoSchema,
  },
  'training.receipts': {
    summary: 'The receipts the virtual printer printed, newest first',
    input: noInput,
    result: trainingReceiptsSchema,
  },
  'training.receiptImage': {
    summary: 'One printed receipt as a PNG image',
    input: receiptImageInputSchema,
    result: receiptImageSchema,
  },
});
