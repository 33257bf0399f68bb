import { create } from 'zustand';
import type { QuickKeyTabs } from '../../../src/api/schemas/catalog.js';
import { pos } from '../client.js';

/** The sale screen's quick keys: tabs of items as settings arranged them, and the tab shown. */
interface CatalogState {
  tabs: QuickKeyTabs['tabs'];
  activeTab: number;
  load(): Promise<void>;
  setTabs(tabs: QuickKeyTabs): void;
  showTab(index: number): void;
  /** A scanned product barcode the catalog does not know (등록되지 않은 상품), until dealt with. */
  unknownCode: string | null;
  askUnknown(code: string | null): void;
}

export const useCatalog = create<CatalogState>()((set, get) => ({
  tabs: [],
  activeTab: 0,
  load: async () => get().setTabs(await pos()['catalog.quickKeys']()),
  setTabs: ({ tabs }) => set((s) => ({ tabs, activeTab: Math.min(s.activeTab, Math.max(0, tabs.length - 1)) })),
  showTab: (activeTab) => set({ activeTab }),
  unknownCode: null,
  askUnknown: (unknownCode) => set({ unknownCode }),
}));
