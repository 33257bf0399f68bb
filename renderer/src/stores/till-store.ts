import { create } from 'zustand';
import type { AppInfo, AppStatus } from '../../../src/api/schemas/app.js';
import type { Settings } from '../../../src/api/schemas/settings.js';
import type { TrainingInfo } from '../../../src/api/schemas/training.js';
import { pos } from '../client.js';
import { i18n } from '../i18n/index.js';
import { setMuted } from '../sounds.js';
import { useCatalog } from './catalog-store.js';

/** What the core tells every screen: who we are, how the devices are, the settings (the items: catalog-store). */
interface TillState {
  info: AppInfo | null;
  status: AppStatus | null;
  settings: Settings | null;
  training: TrainingInfo | null;
  load(): Promise<void>;
  setSettings(settings: Settings): void;
  setTraining(training: TrainingInfo): void;
}

export const useTill = create<TillState>()((set) => ({
  info: null,
  status: null,
  settings: null,
  training: null,
  load: async () => {
    const client = pos();
    client.on('status.changed', (status) => set({ status }));
    client.on('settings.changed', (settings) => useTill.getState().setSettings(settings));
    const [info, status, settings, training] = await Promise.all([
      client['app.info'](),
      client['app.status'](),
      client['settings.get'](),
      client['training.info'](),
    ]);
    set({ info, status, training });
    await useCatalog.getState().load();
    useTill.getState().setSettings(settings);
  },
  setSettings: (settings) => {
    setMuted(settings.mute);
    if (i18n.language !== settings.language) void i18n.changeLanguage(settings.language);
    set({ settings });
  },
  setTraining: (training) => set({ training }),
}));
