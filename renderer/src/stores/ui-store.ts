import { create } from 'zustand';
import { pos } from '../client.js';

export type Screen = 'sale' | 'history' | 'settings' | 'closeout' | 'training';

/** A message for the cashier: an i18n key (with values) and how serious it is. */
export interface Notice {
  id: number;
  key: string;
  values?: Record<string, string | number>;
  /** Shown as is when the key is unknown (the core's English words). */
  fallback?: string;
  tone: 'info' | 'warning' | 'error';
}

interface UiState {
  screen: Screen;
  notices: Notice[];
  /** Settings' "test scan": the next scan is shown there instead of paying. */
  scanTest: { active: boolean; last: { deviceId: string; code: string } | null };
  show(screen: Screen): void;
  notify(notice: Omit<Notice, 'id'>): void;
  dismissNotice(id: number): void;
  setScanTest(active: boolean): void;
  scanTested(scan: { deviceId: string; code: string }): void;
}

let nextNotice = 1;
/** Notices fade after this long; errors stay until dismissed. */
const NOTICE_MS = 6000;

export const useUi = create<UiState>()((set, get) => ({
  screen: 'sale',
  notices: [],
  scanTest: { active: false, last: null },
  show: (screen) => set({ screen }),
  notify: (notice) => {
    const id = nextNotice++;
    set((s) => ({ notices: [...s.notices.slice(-3), { ...notice, id }] }));
    if (notice.tone !== 'error') setTimeout(() => get().dismissNotice(id), NOTICE_MS);
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setScanTest: (active) => {
    set((s) => ({ scanTest: { ...s.scanTest, active } }));
    void pos()['devices.armScanTest']({ armed: active }).catch(() => undefined);
  },
  scanTested: (scan) => set({ scanTest: { active: false, last: scan } }),
}));
