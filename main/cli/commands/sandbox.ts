import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { startSandboxGateway } from '../../../sandbox/index.js';
import { DEFAULT_DATA_DIR } from '../../paths.js';
import type { CommandIo, PosCommand } from '../command.js';
import { parseFlags } from '../parse-flags.js';
import { runUntilStopped } from '../until-stopped.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  db: z.string().min(1).default(join(DEFAULT_DATA_DIR, 'sandbox.db')),
  'enrollment-code': z.string().min(4).max(64).default('SANDBOX'),
  'pending-ms': z.coerce.number().int().min(0).max(600_000).default(5_000),
});

async function sandbox(args: string[], io: CommandIo): Promise<number> {
  const options = parseFlags(args, argsSchema);
  const dbPath = resolve(options.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  const gateway = await startSandboxGateway({
    port: options.port,
    dbPath,
    enrollmentCode: options['enrollment-code'],
    pendingMs: options['pending-ms'],
  });
  return runUntilStopped(
    io,
    [
      `sandbox relay gateway: ${gateway.url}`,
      `state: ${dbPath}`,
      `enrollment code: ${options['enrollment-code']}   (pos relay register --url ${gateway.url} --enrollment-code ${options['enrollment-code']})`,
      `customer phone: ${gateway.url}/sandbox/customer`,
      'Ctrl+C stops.',
    ],
    async (signal) => {
      io.err(`sandbox: ${signal}, stopping`);
      await gateway.close();
    },
  );
}

export const sandboxCommand: PosCommand = {
  name: 'sandbox',
  summary: 'run the sandbox relay gateway on 127.0.0.1 until Ctrl+C',
  usage: 'sandbox [--port 8787] [--db FILE] [--enrollment-code CODE] [--pending-ms N]',
  run: sandbox,
};
