import { ContractError, type HandlersFor, type TrainingInfo, type trainingMethods } from '../../src/api/index.js';
import { RenderRefusedError } from '../../native/printer/index.js';
import type { ServiceSet } from '../compose.js';

const NOT_TRAINING = 'This till runs live: there is no sandbox gateway or virtual printer.';

export function trainingHandlers({ till }: ServiceSet): HandlersFor<typeof trainingMethods> {
  const info = (): TrainingInfo => {
    const training = till.training;
    if (!training) return { training: false, sandboxUrl: null, customerPageUrl: null, gatewayRunning: true };
    return {
      training: true,
      sandboxUrl: training.gateway.url,
      customerPageUrl: `${training.gateway.url}/sandbox/customer`,
      gatewayRunning: training.gateway.running,
    };
  };
  const requireTraining = () => {
    if (!till.training) throw new ContractError('not-training', NOT_TRAINING);
    return till.training;
  };
  return {
    'training.info': info,
    'training.setGatewayRunning': async ({ running }) => {
      await requireTraining().gateway.setRunning(running);
      return info();
    },
    'training.receipts': () => ({ receipts: requireTraining().printer.receipts() }),
    'training.receiptImage': async ({ index }) => {
      let dataUrl: string | undefined;
      try {
        dataUrl = await requireTraining().printer.receiptImage(index);
      } catch (error) {
        if (error instanceof RenderRefusedError) throw new ContractError('receipt-not-drawn', error.message);
        throw error;
      }
      if (!dataUrl) throw new ContractError('no-receipt', `The virtual printer has no receipt ${index}.`);
      return { dataUrl };
    },
  };
}
