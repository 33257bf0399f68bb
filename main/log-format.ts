import { z } from 'zod';

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

/** The fields of one pino JSON line a person reads; the rest stays in the file. */
const logRecordSchema = z.looseObject({
  level: z.number(),
  time: z.number(),
  msg: z.string().optional(),
  component: z.string().optional(),
  err: z.looseObject({ message: z.string().optional() }).optional(),
});

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/**
 * One short line for a person: local time, level, component, message and the
 * error's message (`14:03:07 warn  printer: paper low`). Null for a line that
 * is not a pino record, so a reader can show it as it is.
 */
export function formatLogLine(line: string): string | null {
  let parsed: z.infer<typeof logRecordSchema>;
  try {
    const result = logRecordSchema.safeParse(JSON.parse(line));
    if (!result.success) return null;
    parsed = result.data;
  } catch {
    return null;
  }
  const time = new Date(parsed.time);
  const clock = `${twoDigits(time.getHours())}:${twoDigits(time.getMinutes())}:${twoDigits(time.getSeconds())}`;
  const level = (LEVEL_NAMES[parsed.level] ?? String(parsed.level)).padEnd(5);
  const where = parsed.component ? `${parsed.component}: ` : '';
  const why = parsed.err?.message ? ` (${parsed.err.message})` : '';
  return `${clock} ${level} ${where}${parsed.msg ?? ''}${why}`;
}
