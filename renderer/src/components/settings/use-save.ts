import { useState } from 'react';
import { ContractError } from '../../../../src/api/errors.js';
import { useUi } from '../../stores/ui-store.js';

/** Runs a settings change, tells the cashier it was saved, or shows why not (field issues included). */
export function useSave(): { saving: boolean; error: { code: string; message: string; paths: string[] } | null; save: (work: () => Promise<unknown>) => Promise<boolean> } {
  const notify = useUi((s) => s.notify);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<{ code: string; message: string; paths: string[] } | null>(null);
  const save = async (work: () => Promise<unknown>): Promise<boolean> => {
    setSaving(true);
    setError(null);
    try {
      await work();
      notify({ key: 'settings.saved', tone: 'info' });
      return true;
    } catch (err) {
      const e = err instanceof ContractError ? err : new ContractError('internal', String(err));
      // Closing the manager's PIN prompt changes nothing and needs no message.
      if (e.code !== 'pin-cancelled') setError({ code: e.code, message: e.message, paths: (e.issues ?? []).map((i) => i.path) });
      return false;
    } finally {
      setSaving(false);
    }
  };
  return { saving, error, save };
}
