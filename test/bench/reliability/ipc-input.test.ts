import { describe, expect, it } from 'vitest';
import { hammerDispatcher, runIpcInput } from '../../../bench/reliability/ipc-input.js';
import {
  sampleFromPattern,
  sampleFromSchema,
  withHostileField,
} from '../../../bench/reliability/hostile-values.js';
import { mulberry32 } from '../../../sandbox/faults.js';
import {
  type ContractHandlers,
  ContractError,
  type Dispatcher,
  createDispatcher,
  methodNames,
} from '../../../src/api/index.js';
import { silentLogger } from '../../../src/platform/logger.js';

/** Handlers that all do the same thing, whatever the method. */
const uniform = (handler: () => unknown) =>
  new Proxy({}, { get: () => handler }) as ContractHandlers;

describe('bad IPC input check', () => {
  it('samples the contract patterns and shapes', () => {
    const random = mulberry32(4);
    for (let i = 0; i < 50; i++) {
      expect(sampleFromPattern('^\\d{4,8}$', random)).toMatch(/^\d{4,8}$/);
      expect(sampleFromPattern('^[A-Za-z0-9_-]{1,32}$', random)).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
      expect(sampleFromPattern('^\\d{4}-\\d{2}-\\d{2}$', random)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const shape = {
      type: 'object',
      properties: {
        saleId: { type: 'string', minLength: 1, maxLength: 80 },
        tendered: { type: 'integer', exclusiveMinimum: 0 },
      },
      required: ['saleId', 'tendered'],
    };
    const value = sampleFromSchema(shape, random) as { saleId: string; tendered: number };
    expect(value.saleId.length).toBeGreaterThan(0);
    expect(value.tendered).toBeGreaterThan(0);
    expect(withHostileField(value, random)).not.toEqual(value);
  });

  it('counts no crash when every handler refuses with a typed error', async () => {
    const dispatcher = createDispatcher({
      handlers: uniform(() => {
        throw new ContractError('refused', 'no');
      }),
      validateResults: true,
      logger: silentLogger,
    });
    const { tally, problems } = await hammerDispatcher(dispatcher, { seed: 2, callsPerMethod: 6 });
    expect(tally).toMatchObject({
      crashes: 0,
      hangs: 0,
      roleBypassed: 0,
      unknownRun: 0,
      accepted: 0,
    });
    expect(tally.calls).toBeGreaterThan(methodNames.length * 6);
    expect(problems).toEqual([]);
  });

  it('counts a planted handler that throws a TypeError as a crash', async () => {
    const dispatcher = createDispatcher({
      handlers: uniform(() => {
        throw new TypeError('x is undefined');
      }),
      validateResults: true,
      logger: silentLogger,
    });
    const { tally, problems } = await hammerDispatcher(dispatcher, { seed: 2, callsPerMethod: 6 });
    expect(tally.crashes).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/internal: .* failed/);
  });

  it('catches a transport that ignores roles and runs made-up methods', async () => {
    const careless: Dispatcher = { call: async () => ({ ok: true, result: null }) };
    const { tally } = await hammerDispatcher(careless, { seed: 2, callsPerMethod: 1 });
    expect(tally.roleBypassed).toBeGreaterThan(0);
    expect(tally.unknownRun).toBe(10);
  });

  it('hammers the real services of a training till', async () => {
    const result = await runIpcInput({ seed: 1, callsPerMethod: 3 });
    expect(result).toMatchObject({
      name: 'bad_ipc_input',
      hangs: 0,
      roleBypassed: 0,
      unknownRun: 0,
    });
    expect(result.calls).toBeGreaterThan(methodNames.length * 3);
    // A crash, if the services have one, comes with its story.
    expect(result.problems.length > 0).toBe((result.crashes as number) > 0);
  }, 60_000);
});
