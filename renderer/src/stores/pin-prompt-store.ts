import { create } from 'zustand';
import { ContractError } from '../../../src/api/errors.js';

/** The core's answers that mean "not this PIN": the prompt stays open and says why. */
const PIN_REFUSALS = new Set(['pin-invalid', 'pin-format', 'role-too-low', 'pin-locked']);

/** What the open PIN prompt is for, and what it has said so far. */
export interface PinRequest {
  /** A new number per prompt, so each starts with an empty PIN. */
  id: number;
  /** An i18n key naming what the PIN allows (`pinPrompt.purpose.store`, ...). */
  purpose: string;
  /** The code of the core's last refusal, shown in the prompt. */
  error: string | null;
  busy: boolean;
  submit(pin: string): void;
  cancel(): void;
}

interface PinPromptState {
  request: PinRequest | null;
}

/** The one PIN prompt of the cashier window (components/common/PinPrompt.tsx shows it). */
export const usePinPrompt = create<PinPromptState>()(() => ({ request: null }));

let nextRequest = 1;
const update = (patch: Partial<PinRequest>) => usePinPrompt.setState((s) => (s.request ? { request: { ...s.request, ...patch } } : s));

/**
 * Asks for a manager's PIN, then runs `work` with it. The core checks the PIN
 * (the screen never decides); a wrong or too-low PIN keeps the prompt open
 * with the reason, any other answer closes it and is `work`'s own.
 * Cancelling rejects with the code `pin-cancelled`.
 */
export function withManagerPin<T>(purpose: string, work: (pin: string) => Promise<T>): Promise<T> {
  usePinPrompt.getState().request?.cancel();
  return new Promise<T>((resolve, reject) => {
    const close = () => usePinPrompt.setState({ request: null });
    usePinPrompt.setState({
      request: {
        id: nextRequest++,
        purpose,
        error: null,
        busy: false,
        submit: (pin) => {
          update({ busy: true, error: null });
          work(pin).then(
            (result) => (close(), resolve(result)),
            (error: unknown) => {
              if (error instanceof ContractError && PIN_REFUSALS.has(error.code)) return update({ busy: false, error: error.code });
              close();
              reject(error);
            },
          );
        },
        cancel: () => {
          close();
          reject(new ContractError('pin-cancelled', 'The PIN prompt was closed.'));
        },
      },
    });
  });
}
