import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './command.js';

/** node:util parseArgs, with its complaints (unknown flag, missing value) reported as usage errors. */
export function parseCliArgs<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Parses `--name value` flags, one per key of `schema`, and checks them with it.
 * Any problem (an unknown flag, a positional, a value the schema refuses) is a
 * UsageError naming the flag, so the CLI prints it with the command's usage.
 */
export function parseFlags<S extends z.ZodObject>(args: string[], schema: S): z.output<S> {
  const options = Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, { type: 'string' as const }]),
  );
  const { values } = parseCliArgs({ args, options, strict: true });
  const checked = schema.safeParse(values);
  if (checked.success) return checked.data;
  throw new UsageError(
    checked.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
  );
}
