import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

/** A JSON file of the data directory (settings, staff, items ...) that is not JSON or not valid. */
export class JsonFileError extends Error {
  override readonly name = 'JsonFileError';
}

/**
 * Reads and validates a JSON file of the data directory; a missing file gives
 * `fallback`. A damaged file is an error, not a silent reset: the staff list
 * or the item list of a shop must not vanish because a disk hiccuped.
 */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, fallback: z.output<S>): Promise<z.output<S>> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new JsonFileError(`${file} is not JSON; fix or remove it`);
  }
  const checked = schema.safeParse(parsed);
  if (!checked.success) throw new JsonFileError(`${file} is invalid:\n${z.prettifyError(checked.error)}`);
  return checked.data;
}

/** Writes JSON to a temporary file, fsyncs it and renames it over the old one (owner-only). */
export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** One JSON document kept in a file, updated one change at a time. */
export class JsonDocument<T> {
  private writing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly file: string,
    private current: T,
  ) {}

  get(): T {
    return this.current;
  }

  /** Applies `change` to the latest value, persists it, then makes it current. */
  update(change: (current: T) => T): Promise<T> {
    const run = this.writing.then(async () => {
      const next = change(this.current);
      await writeJsonFile(this.file, next);
      this.current = next;
      return next;
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
