import { z } from 'zod';

/** Raised when a stored record body does not parse or does not fit its schema: the database was damaged or written by a foreign tool. */
export class CorruptRecordError extends Error {
  constructor(
    readonly what: string,
    readonly detail: string,
  ) {
    super(`${what} is corrupt: ${detail}`);
    this.name = 'CorruptRecordError';
  }
}

/**
 * Parses a stored JSON body against its schema. A body that is not JSON, or
 * JSON of the wrong shape, is a `CorruptRecordError` naming the record, not
 * a crash deep in a report or a silently wrong figure.
 */
export function parseBody<S extends z.ZodType>(schema: S, json: string, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new CorruptRecordError(what, `not JSON (${(error as Error).message})`);
  }
  const checked = schema.safeParse(value);
  if (!checked.success) throw new CorruptRecordError(what, z.prettifyError(checked.error).replace(/\n/g, '; '));
  return checked.data;
}

/** The tender projection's `detail` column: what a cash customer handed over and the change (projector.ts). */
export const tenderDetailSchema = z.object({
  tendered: z.number().int().nonnegative().optional(),
  change: z.number().int().nonnegative().optional(),
});
