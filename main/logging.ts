import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import pinoRoll from 'pino-roll';
import { z } from 'zod';
import type { Logger } from '../src/platform/logger.js';
import { formatLogLine } from './log-format.js';

export interface PosLogging {
  logger: Logger;
  /** Flushes and closes the log file. */
  close(): Promise<void>;
}

export const logLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof logLevelSchema>;

/** `POS_LOG_LEVEL` from the environment, if it names a level; tests set it to keep output quiet. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel | undefined {
  const parsed = logLevelSchema.safeParse(env.POS_LOG_LEVEL);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Field names whose values never reach a log line, at any of the first four
 * levels of a logged object (issue 14, point 7): a wallet payment code pays
 * once whoever holds it, a PIN or token unlocks the till, a key signs as it.
 * One list here, so no call site has to remember to mask.
 */
const SECRET_FIELDS = [
  'paymentCode',
  'authCode',
  'pin',
  'managerPin',
  'ownerPin',
  'currentPin',
  'newPin',
  'token',
  'launchToken',
  'displayToken',
  'accessToken',
  'authorization',
  'enrollmentCode',
  'key',
  'privateKey',
  'secretKey',
  'apiKey',
  'password',
  'secret',
];
const DEPTHS = ['', '*.', '*.*.', '*.*.*.'];
/** pino's redact paths: every secret field at depth 0 to 3 (pino has no recursive wildcard). */
export const REDACTED_PATHS = DEPTHS.flatMap((prefix) =>
  SECRET_FIELDS.map((field) => `${prefix}${field}`),
);
export const REDACTED = '[redacted]';

export interface PosLoggingOptions {
  /** Directory of the rotating files (`pos.<n>.log`). */
  dir: string;
  /** What goes to the file; POS_LOG_LEVEL or info. */
  level?: LogLevel;
  /** Also write short human lines to stderr (stdout stays for a command's own output). */
  console?: boolean;
  /** What the terminal shows; POS_LOG_LEVEL or warn: what went wrong, not every step. */
  consoleLevel?: LogLevel;
}

/** Writes each pino line to stderr as one short human line (the JSON stays in the file). */
const humanStderr = {
  write(line: string): void {
    process.stderr.write(`${formatLogLine(line) ?? line.trimEnd()}\n`);
  },
};

const lowerOf = (a: LogLevel, b: LogLevel): LogLevel =>
  logLevelSchema.options.indexOf(a) <= logLevelSchema.options.indexOf(b) ? a : b;

/**
 * pino to a daily/10 MB rotating file of JSON lines keeping two weeks, and
 * human lines to the console. pino-roll is used as a plain stream rather than
 * a worker transport: the worker would need to resolve `pino-roll` from inside
 * Electron's asar.
 */
export async function createPosLogging({
  dir,
  level = logLevelFromEnv() ?? 'info',
  console = true,
  consoleLevel = logLevelFromEnv() ?? 'warn',
}: PosLoggingOptions): Promise<PosLogging> {
  await mkdir(dir, { recursive: true });
  const file = await pinoRoll({
    file: join(dir, 'pos'),
    extension: '.log',
    frequency: 'daily',
    size: '10m',
    limit: { count: 14 },
    mkdir: true,
  });
  const streams: pino.StreamEntry[] = [{ stream: file, level }];
  if (console) streams.push({ stream: humanStderr, level: consoleLevel });
  const logger = pino(
    {
      level: console ? lowerOf(level, consoleLevel) : level,
      base: { pid: process.pid },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
    },
    pino.multistream(streams),
  );
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        logger.flush(() => {
          file.once('close', () => resolve());
          file.end();
        });
      }),
  };
}
