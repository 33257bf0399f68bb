import { z } from 'zod';
import { unchangedCheck } from './body-check.js';

/**
 * Raised when a stored body (a journal row's, a projection's detail column)
 * does not parse or does not fit its schema: the database was damaged or
 * written by a foreign tool.
 */
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
  const value = parseJson(json, what);
  // What zod would return unchanged needs no copy; anything else (and every error) is zod's.
  if (unchangedCheck(schema)?.(value)) return value as z.infer<S>;
  const checked = schema.safeParse(value);
  if (!checked.success) throw new CorruptRecordError(what, z.prettifyError(checked.error).replace(/\n/g, '; '));
  return checked.data;
}

/**
 * Parses stored JSON without a shape (the journal's generic body decode:
 * every kind's owner parses it against its schema). Not JSON, or not an
 * object, is a `CorruptRecordError`.
 */
export function parseJsonObject(json: string, what: string): Record<string, unknown> {
  const value = parseJson(json, what);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CorruptRecordError(what, 'not a JSON object');
  return value as Record<string, unknown>;
}

function parseJson(json: string, what: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new CorruptRecordError(what, `not JSON (${(error as Error).message})`);
  }
}
