import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEventHub, defaultSettings } from '../../../src/api/index.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { JsonFileError } from '../../../main/services/json-file.js';
import { SettingsStore } from '../../../main/services/settings-store.js';
import { useTempDir } from '../../helpers/temp-dir.js';

const tempDir = useTempDir('pos-settings-');
const hub = () => createEventHub({ validate: true, logger: silentLogger });

describe('SettingsStore', () => {
  it('starts from defaults, persists changes and tells listeners', async () => {
    const file = join(tempDir(), 'nested', 'settings.json');
    const events = hub();
    const heard: unknown[] = [];
    events.subscribe((event, payload) => heard.push([event, payload]));
    const store = await SettingsStore.open(file, events);
    expect(store.get()).toEqual(defaultSettings);

    const next = await store.update({
      store: { name: '카운터 상점', businessNumber: '124-81-00998' },
      language: 'en',
    });
    expect(next.store).toMatchObject({
      name: '카운터 상점',
      businessNumber: '124-81-00998',
      phone: '',
    });
    expect(heard).toEqual([['settings.changed', next]]);
    expect((await SettingsStore.open(file, hub())).get()).toEqual(next);
  });

  it('keeps both of two quick updates', async () => {
    const file = join(tempDir(), 'settings.json');
    const store = await SettingsStore.open(file, hub());
    await Promise.all([store.update({ mute: true }), store.update({ language: 'zh' })]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ mute: true, language: 'zh' });
  });

  it('leaves fields a patch sends as undefined alone (IPC keeps undefined)', async () => {
    const store = await SettingsStore.open(join(tempDir(), 'settings.json'), hub());
    await store.update({ language: 'zh', store: { name: '상점' } });
    const next = await store.update({ language: undefined, mute: undefined, store: { name: undefined } });
    expect(next).toMatchObject({ language: 'zh', mute: false, store: { name: '상점' } });
  });

  it('refuses a damaged file instead of falling back to defaults', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.json'), '{"store":');
    await expect(SettingsStore.open(join(dir, 'broken.json'), hub())).rejects.toThrow(
      JsonFileError,
    );
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify({ ...defaultSettings, language: 'fr' }));
    await expect(SettingsStore.open(join(dir, 'wrong.json'), hub())).rejects.toThrow(/language/);
  });
});
