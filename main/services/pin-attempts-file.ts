import { readFileSync, writeFileSync } from 'node:fs';
import { type PinAttemptStore, type PinAttempts, pinAttemptsSchema } from '../../src/payments/pin-guard.js';

/**
 * The wrong-PIN counter in `<dataDir>/pin-attempts.json` (0600), written
 * synchronously on every wrong PIN so a crash or restart cannot reset it. A
 * missing file is no failures; a damaged one reads as the lockout threshold
 * (the next wrong PIN locks), so garbling the file never buys more tries.
 */
export function pinAttemptsFile(path: string, lockAfter: number): PinAttemptStore {
  return {
    load: (): PinAttempts => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { failures: 0, nextTryAt: 0 };
        throw error;
      }
      try {
        return pinAttemptsSchema.parse(JSON.parse(text));
      } catch {
        return { failures: lockAfter, nextTryAt: 0 };
      }
    },
    save: (attempts) => writeFileSync(path, `${JSON.stringify(attempts)}\n`, { mode: 0o600 }),
  };
}
