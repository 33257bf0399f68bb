import { describe, expect, it } from 'vitest';
import {
  type ContractHandlers,
  ContractError,
  createDispatcher,
  defaultSettings,
} from '../../src/api/index.js';
import type { Logger } from '../../src/platform/logger.js';
import { silentLogger } from '../../src/platform/logger.js';

const status = {
  gateway: 'online' as const,
  outboxDepth: 0,
  printer: { state: 'ready' as const },
  scanners: [],
};

// Only the rows these tests call; the table grows with every domain, so the rest are left out.
function handlers(overrides: Partial<ContractHandlers> = {}): ContractHandlers {
  return {
    'app.info': () => ({
      name: 'Counter POS',
      version: '1.0.0',
      mode: 'training',
      terminalId: 'T-1',
      storeLinked: false,
    }),
    'app.status': () => status,
    'settings.get': () => defaultSettings,
    'settings.update': (patch) => ({
      ...defaultSettings,
      ...patch,
      store: { ...defaultSettings.store, ...patch.store },
    }),
    ...overrides,
  } as ContractHandlers;
}

const cashier = { role: 'cashier', transport: 'ipc' } as const;
const display = { role: 'display', transport: 'ipc' } as const;

function recordingLogger(): Logger & { errors: unknown[] } {
  const errors: unknown[] = [];
  return { ...silentLogger, errors, error: (obj: object) => void errors.push(obj) };
}

describe('dispatcher', () => {
  it('runs a known method with parsed input', async () => {
    const dispatcher = createDispatcher({
      handlers: handlers(),
      validateResults: true,
      logger: silentLogger,
    });
    expect(await dispatcher.call('settings.update', { language: 'zh' }, cashier)).toMatchObject({
      ok: true,
      result: { language: 'zh', mute: false },
    });
  });

  it('refuses unknown methods, roles without clearance and invalid input without calling the handler', async () => {
    let called = 0;
    const dispatcher = createDispatcher({
      handlers: handlers({ 'settings.update': () => (called++, defaultSettings) }),
      validateResults: true,
      logger: silentLogger,
    });
    expect(await dispatcher.call('settings.delete', {}, cashier)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await dispatcher.call('settings.update', { mute: true }, display)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const invalid = await dispatcher.call(
      'settings.update',
      { store: { businessNumber: '124-81-00997' }, colour: 'red' },
      cashier,
    );
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(invalid.ok ? [] : invalid.error.issues!.map((issue) => issue.path).sort()).toEqual([
      '',
      'store.businessNumber',
    ]);
    expect(called).toBe(0);
    expect(await dispatcher.call('settings.get', undefined, display)).toMatchObject({ ok: true });
  });

  it('passes domain errors through and hides unexpected ones behind a logged internal error', async () => {
    const logger = recordingLogger();
    const dispatcher = createDispatcher({
      handlers: handlers({
        'app.status': () => {
          throw new ContractError('printer_jammed', 'the printer is jammed');
        },
        'app.info': () => {
          throw new Error('SQLITE_CORRUPT at /var/secret/path');
        },
      }),
      validateResults: true,
      logger,
    });
    expect(await dispatcher.call('app.status', undefined, cashier)).toEqual({
      ok: false,
      error: { code: 'printer_jammed', message: 'the printer is jammed' },
    });
    const hidden = await dispatcher.call('app.info', undefined, cashier);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret');
    expect(logger.errors).toHaveLength(1);
  });

  it('checks results against the contract when asked to', async () => {
    const broken = handlers({ 'app.status': () => ({ ...status, outboxDepth: -1 }) });
    const strict = createDispatcher({
      handlers: broken,
      validateResults: true,
      logger: silentLogger,
    });
    expect(await strict.call('app.status', undefined, cashier)).toMatchObject({
      ok: false,
      error: { code: 'invalid_result' },
    });
    const lenient = createDispatcher({
      handlers: broken,
      validateResults: false,
      logger: silentLogger,
    });
    expect(await lenient.call('app.status', undefined, cashier)).toMatchObject({ ok: true });
  });
});
