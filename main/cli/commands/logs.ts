import { readFile, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { formatLogLine } from '../../log-format.js';
import { DEFAULT_DATA_DIR, logDir } from '../../paths.js';
import type { CommandIo, PosCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';

const logsFlags = z.object({
  data: z.string().optional(),
  lines: z.coerce.number().int().min(1).max(100_000).default(40),
  format: z.enum(['human', 'json']).default('human'),
});

/** pino-roll's files, `pos.<n>.log`, oldest first (n grows with each rotation). */
async function logFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => []);
  return names
    .map((name) => ({ name, n: Number(/^pos\.(\d+)\.log$/.exec(name)?.[1]) }))
    .filter(({ n }) => Number.isInteger(n))
    .sort((a, b) => a.n - b.n)
    .map(({ name }) => join(dir, name));
}

/** The last `count` lines over the rolled files, reading back from the newest only as far as needed. */
async function tail(files: string[], count: number): Promise<string[]> {
  let lines: string[] = [];
  for (const file of [...files].reverse()) {
    const text = await readFile(file, 'utf8');
    lines = [...text.split('\n').filter(Boolean), ...lines];
    if (lines.length >= count) break;
  }
  return lines.slice(-count);
}

async function logs(args: string[], io: CommandIo): Promise<number> {
  const flags = parseFlags(args, logsFlags);
  const dir = logDir(resolve(flags.data ?? DEFAULT_DATA_DIR));
  const files = await logFiles(dir);
  if (files.length === 0) {
    io.err(`no log yet in ${dir} (the till writes it once started; --data names another folder)`);
    return 1;
  }
  for (const line of await tail(files, flags.lines))
    io.out(flags.format === 'json' ? line : (formatLogLine(line) ?? line));
  return 0;
}

export const logsCommand: PosCommand = {
  name: 'logs',
  summary: "the tail of the till's log (data folder logs/), one human line per record",
  usage: 'logs [--data DIR] [--lines N] [--format human|json]',
  run: logs,
};
