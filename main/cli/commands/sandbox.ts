import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startSandboxGateway } from '../../../sandbox/index.js';
import { DEFAULT_DATA_DIR } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  db: z.string().min(1).default(join(DEFAULT_DATA_DIR, 'sandbox.db')),
  'enrollment-code': z.string().min(4).max(64).default('SANDBOX'),
  'pending-ms': z.coerce.number().int().min(0).max(600_000).default(5_000),
});

function parseSandboxArgs(args: string[]): z.output<typeof argsSchema> {
  try {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        db: { type: 'string' },
        'enrollment-code': { type: 'string' },
        'pending-ms': { type: 'string' },
      },
      strict: true,
    });
    return argsSchema.parse(values);
  } catch (error) {
    if (error instanceof z.ZodError)
      throw new UsageError(
        error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
      );
    throw new UsageError((error as Error).message);
  }
}

/** Resolves with the first of SIGINT / SIGTERM, then removes both listeners. */
async function untilSignal(): Promise<string> {
  const controller = new AbortController();
  const wait = (signal: string) =>
    once(process, signal, { signal: controller.signal }).then(() => signal);
  try {
    return await Promise.race([wait('SIGINT'), wait('SIGTERM')]);
  } finally {
    controller.abort();
  }
}

async function sandbox(args: string[], io: CommandIo): Promise<number> {
  const options = parseSandboxArgs(args);
  const dbPath = resolve(options.db);
  mkdirSync(dirname(dbPath), { recursive: true });
  const gateway = await startSandboxGateway({
    port: options.port,
    dbPath,
    enrollmentCode: options['enrollment-code'],
    pendingMs: options['pending-ms'],
  });
  io.out(
    [
      `sandbox relay gateway: ${gateway.url}`,
      `state: ${dbPath}`,
      `enrollment code: ${options['enrollment-code']}   (pos relay register --url ${gateway.url} --enrollment-code ${options['enrollment-code']})`,
      `customer phone: ${gateway.url}/sandbox/customer`,
      'Ctrl+C stops.',
    ].join('\n'),
  );
  const signal = await untilSignal();
  io.err(`sandbox: ${signal}, stopping`);
  await gateway.close();
  return 0;
}

export const sandboxCommand: PosCommand = {
  name: 'sandbox',
  summary: 'run the sandbox relay gateway on 127.0.0.1 until Ctrl+C',
  usage: 'sandbox [--port 8787] [--db FILE] [--enrollment-code CODE] [--pending-ms N]',
  run: sandbox,
};
