import {
  type EventHub,
  type Settings,
  type SettingsPatch,
  defaultSettings,
  settingsSchema,
} from '../../src/api/index.js';
import { JsonDocument, readJsonFile } from './json-file.js';

/**
 * The shop's settings, kept in one JSON file and validated on load. A damaged
 * file stops the start-up with a clear message (JsonFileError) instead of
 * silently falling back to defaults (which would print receipts without the
 * business number). Writes are atomic: temporary file, fsync, rename.
 */
export class SettingsStore {
  private constructor(
    private readonly document: JsonDocument<Settings>,
    private readonly events: EventHub,
  ) {}

  static async open(file: string, events: EventHub): Promise<SettingsStore> {
    const settings = await readJsonFile(file, settingsSchema, defaultSettings);
    return new SettingsStore(new JsonDocument(file, settings), events);
  }

  get(): Settings {
    return this.document.get();
  }

  /** Applies a partial change, persists it, tells every window. */
  async update(patch: SettingsPatch): Promise<Settings> {
    // The document applies one change at a time, each to the result of the one
    // before, so two quick changes neither lose each other nor interleave their renames.
    const next = await this.document.update((current) =>
      settingsSchema.parse({
        ...current,
        ...definedOnly(patch),
        store: { ...current.store, ...definedOnly(patch.store ?? {}) },
      }),
    );
    this.events.emit('settings.changed', next);
    return next;
  }
}

/**
 * A patch's fields that carry a value. Electron IPC keeps `undefined`, so
 * `{language: undefined}` passes the optional schema and would otherwise
 * erase the language instead of leaving it alone.
 */
function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
