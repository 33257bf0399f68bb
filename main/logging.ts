import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import pinoRoll from 'pino-roll';
import { z } from 'zod';
import type { Logger } from '../src/platform/logger.js';

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

export interface PosLoggingOptions {
  /** Directory of the rotating files (`pos.<n>.log`). */
  dir: string;
  level?: LogLevel;
  /** Also write to stderr (stdout stays for a command's own output). */
  console?: boolean;
}

/**
 * pino to a daily/10 MB rotating file keeping two weeks, and to the console.
 * pino-roll is used as a plain stream rather than a worker transport: the
 * worker would need to resolve `pino-roll` from inside Electron's asar.
 */
export async function createPosLogging({
  dir,
  level = logLevelFromEnv() ?? 'info',
  console = true,
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
  if (console) streams.push({ stream: pino.destination({ fd: 2, sync: true }), level });
  const logger = pino({ level, base: { pid: process.pid } }, pino.multistream(streams));
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
