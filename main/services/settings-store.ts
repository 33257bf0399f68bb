import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  type EventHub,
  type Settings,
  type SettingsPatch,
  defaultSettings,
  settingsSchema,
} from '../../src/api/index.js';

export class SettingsFileError extends Error {
  override readonly name = 'SettingsFileError';
}

/**
 * The shop's settings, kept in one JSON file and validated on load. A damaged
 * file stops the start-up with a clear message instead of silently falling
 * back to defaults (which would print receipts without the business number).
 * Writes go to a temporary file, are fsynced, then renamed over the old one.
 */
export class SettingsStore {
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly events: EventHub,
    private current: Settings,
  ) {}

  static async open(file: string, events: EventHub): Promise<SettingsStore> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return new SettingsStore(file, events, defaultSettings);
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new SettingsFileError(`${file} is not JSON; fix or remove it`);
    }
    const checked = settingsSchema.safeParse(parsed);
    if (!checked.success)
      throw new SettingsFileError(`${file} is invalid:\n${z.prettifyError(checked.error)}`);
    return new SettingsStore(file, events, checked.data);
  }

  get(): Settings {
    return this.current;
  }

  /** Applies a partial change, persists it, tells every window. */
  update(patch: SettingsPatch): Promise<Settings> {
    // One update at a time, each applied to the result of the one before, so
    // two quick changes neither lose each other nor interleave their renames.
    const run = this.writing.then(() => this.apply(patch));
    this.writing = run.catch(() => undefined);
    return run;
  }

  private async apply(patch: SettingsPatch): Promise<Settings> {
    const next = settingsSchema.parse({
      ...this.current,
      ...patch,
      store: { ...this.current.store, ...patch.store },
    });
    await this.persist(next);
    this.current = next;
    this.events.emit('settings.changed', next);
    return next;
  }

  private async persist(settings: Settings): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(settings, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
  }
}
