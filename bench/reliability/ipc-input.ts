import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { compose } from '../../main/compose.js';
import { loadPosConfig } from '../../main/config.js';
import { contractHandlers } from '../../main/handlers/index.js';
import { mulberry32 } from '../../sandbox/faults.js';
import {
  type CallContext,
  ContractErrorCode,
  type Dispatcher,
  type MethodSpec,
  callOutcomeSchema,
  createDispatcher,
  methods,
} from '../../src/api/index.js';
import { systemClock } from '../../src/platform/clock.js';
import { type Logger, silentLogger } from '../../src/platform/logger.js';
import { type CheckReport, elapsed, report } from './check-report.js';
import { HOSTILE, type JsonSchema, sampleFromSchema, withHostileField } from './hostile-values.js';

/**
 * Check (e): bad input over IPC. Every contract method is called through the
 * dispatcher both transports share, over the real services of a training
 * till, with inputs shaped like its schema, the same with one hostile field,
 * and plain hostile values; cashier methods are also called from the
 * customer-display role, and made-up method names are tried. Each call must
 * end in a structured answer: accepted, or refused with a domain or input
 * error. A crash is a throw, an `internal` error (a handler threw something
 * untyped), an `invalid_result`, or an answer outside the envelope.
 */

const UNKNOWN_NAMES = [
  '',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'app.info\u0000',
  'APP.INFO',
  'sale.open.',
  '../app.info',
  'app',
];
const CRASH_CODES: ReadonlySet<string> = new Set([
  ContractErrorCode.internal,
  ContractErrorCode.invalidResult,
]);

export interface IpcTally {
  calls: number;
  accepted: number;
  rejected: number;
  crashes: number;
  /** Calls that did not answer within the time limit. */
  hangs: number;
  /** Cashier methods that answered a customer-display caller. */
  roleBypassed: number;
  /** Made-up method names that were run. */
  unknownRun: number;
}

export interface HammerOptions {
  seed: number;
  callsPerMethod: number;
  timeoutMs?: number;
}

function shapeOf(spec: MethodSpec): JsonSchema {
  try {
    return z.toJSONSchema(spec.input, { unrepresentable: 'any', io: 'input' }) as JsonSchema;
  } catch {
    return {};
  }
}

/** Calls every method of the contract with generated inputs and tallies the answers. */
export async function hammerDispatcher(
  dispatcher: Dispatcher,
  options: HammerOptions,
): Promise<{ tally: IpcTally; problems: string[] }> {
  const random = mulberry32(options.seed);
  const tally: IpcTally = {
    calls: 0,
    accepted: 0,
    rejected: 0,
    crashes: 0,
    hangs: 0,
    roleBypassed: 0,
    unknownRun: 0,
  };
  const problems: string[] = [];
  const unhandled = (error: unknown) => {
    tally.crashes++;
    problems.push(`unhandled rejection: ${error instanceof Error ? error.message : String(error)}`);
  };
  process.on('unhandledRejection', unhandled);
  const call = async (method: string, input: unknown, ctx: CallContext) => {
    tally.calls++;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'hang'>(
      (resolve) => (timer = setTimeout(() => resolve('hang'), options.timeoutMs ?? 5_000)),
    );
    try {
      const outcome = await Promise.race([dispatcher.call(method, input, ctx), timeout]);
      if (outcome === 'hang') {
        tally.hangs++;
        problems.push(
          `${method}: no answer within ${options.timeoutMs ?? 5_000} ms for ${preview(input)}`,
        );
        return undefined;
      }
      const envelope = callOutcomeSchema.safeParse(outcome);
      if (!envelope.success || (!outcome.ok && CRASH_CODES.has(outcome.error.code))) {
        tally.crashes++;
        problems.push(
          `${method}: ${outcome.ok ? 'answer outside the envelope' : `${outcome.error.code}: ${outcome.error.message}`} for ${preview(input)}`,
        );
        return undefined;
      }
      if (outcome.ok) tally.accepted++;
      else tally.rejected++;
      return outcome;
    } catch (error) {
      tally.crashes++;
      problems.push(
        `${method}: dispatcher threw ${(error as Error).message} for ${preview(input)}`,
      );
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };
  const cashier: CallContext = { role: 'cashier', transport: 'ipc' };
  const display: CallContext = { role: 'display', transport: 'bridge' };
  try {
    for (const [method, spec] of Object.entries(methods as Record<string, MethodSpec>)) {
      const shape = shapeOf(spec);
      for (let i = 0; i < options.callsPerMethod; i++) {
        const kind = i % 3;
        const shaped = sampleFromSchema(shape, random);
        const input =
          kind === 0
            ? shaped
            : kind === 1
              ? withHostileField(shaped, random)
              : HOSTILE[Math.floor(random() * HOSTILE.length)];
        await call(method, input, cashier);
      }
      if ((spec.role ?? 'cashier') === 'cashier') {
        const outcome = await call(method, sampleFromSchema(shape, random), display);
        if (outcome && (outcome.ok || outcome.error.code !== ContractErrorCode.forbidden)) {
          tally.roleBypassed++;
          problems.push(`${method}: the customer display was not refused`);
        }
      }
    }
    for (const name of UNKNOWN_NAMES) {
      const outcome = await call(name, {}, cashier);
      if (outcome && (outcome.ok || outcome.error.code !== ContractErrorCode.unknownMethod)) {
        tally.unknownRun++;
        problems.push(`method name ${JSON.stringify(name)} was not refused as unknown`);
      }
    }
  } finally {
    process.off('unhandledRejection', unhandled);
  }
  return { tally, problems };
}

/** The input as JSON, with `undefined` values shown (IPC's structured clone keeps them; JSON drops them). */
function preview(input: unknown): string {
  let text: string;
  try {
    text =
      JSON.stringify(input, (_, value: unknown) => (value === undefined ? '<undefined>' : value)) ??
      String(input);
  } catch {
    text = String(input);
  }
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/** Logs handler failures into `problems` so a crash report says what broke. */
function recordingLogger(problems: string[]): Logger {
  const logger: Logger = {
    ...silentLogger,
    error: (obj, msg) => {
      const err = (obj as { err?: unknown }).err;
      if (!(err instanceof Error)) return;
      // A ZodError's message is pretty-printed JSON: one line, and where it was thrown.
      const where = err.stack?.split('\n').find((line) => line.trim().startsWith('at '));
      const message = err.message.replace(/\s+/g, ' ').slice(0, 240);
      problems.push(`${msg ?? 'error'}: ${err.name}: ${message} ${where?.trim() ?? ''}`.trim());
    },
    child: () => logger,
  };
  return logger;
}

/** Hammers the contract of a training till composed in a temporary data directory. */
export async function runIpcInput(options: HammerOptions): Promise<CheckReport> {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'pos-ipc-'));
  const logged: string[] = [];
  const logger = recordingLogger(logged);
  const services = await compose(await loadPosConfig(join(dir, 'data')), {
    logger,
    clock: systemClock,
    appVersion: 'reliability',
    validateContract: true,
  });
  try {
    const dispatcher = createDispatcher({
      handlers: contractHandlers(services),
      validateResults: true,
      logger,
    });
    const { tally, problems } = await hammerDispatcher(dispatcher, options);
    return report(
      'bad_ipc_input',
      { seed: options.seed, methods: Object.keys(methods).length, ...tally },
      [...problems, ...(tally.crashes ? logged : [])],
      elapsed(started),
    );
  } finally {
    await services.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
