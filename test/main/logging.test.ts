import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../main/log-format.js';
import { createPosLogging, logLevelFromEnv } from '../../main/logging.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-logs-');

function logLines(dir: string): Record<string, unknown>[] {
  const files = readdirSync(dir);
  expect(files).toEqual([expect.stringMatching(/^pos\.\d+\.log$/)]);
  return readFileSync(join(dir, files[0]!), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('createPosLogging', () => {
  it('writes JSON lines to a numbered log file that pino-roll rotates', async () => {
    const dir = join(tempDir(), 'logs');
    const logging = await createPosLogging({ dir, level: 'info', console: false });
    logging.logger.info({ terminalId: 'T-1' }, 'till opened');
    logging.logger.debug({}, 'below the level');
    await logging.close();
    expect(logLines(dir)).toEqual([
      expect.objectContaining({ msg: 'till opened', terminalId: 'T-1', level: 30 }),
    ]);
  });

  it('redacts payment codes, PINs, tokens and keys wherever a call site puts them', async () => {
    const dir = join(tempDir(), 'logs');
    const logging = await createPosLogging({ dir, level: 'info', console: false });
    const code = '134728953980227777';
    logging.logger.info({ paymentCode: code, amount: 4500 }, 'pay');
    logging.logger.info({ request: { body: { paymentCode: code } } }, 'nested three deep');
    logging.logger.warn({ staff: { pin: '482913' }, managerPin: '111111' }, 'pin refused');
    logging.logger.info({ launchToken: 'tok-abc', headers: { authorization: 'Bearer xyz' } }, 't');
    logging.logger.info({ privateKey: 'PEM-SECRET', gateway: { key: 'k-123' } }, 'keys');
    logging.logger.child({ token: 'child-token' }).info({}, 'child bindings too');
    await logging.close();

    const text = readFileSync(join(dir, readdirSync(dir)[0]!), 'utf8');
    for (const secret of [
      code,
      '482913',
      '111111',
      'tok-abc',
      'Bearer xyz',
      'PEM-SECRET',
      'k-123',
      'child-token',
    ])
      expect(text, secret).not.toContain(secret);
    const lines = logLines(dir);
    expect(lines[0]).toMatchObject({ paymentCode: '[redacted]', amount: 4500 });
    expect(lines[1]).toMatchObject({ request: { body: { paymentCode: '[redacted]' } } });
    expect(lines).toHaveLength(6);
  });

  it('reads POS_LOG_LEVEL only when it names a level', () => {
    expect(logLevelFromEnv({ POS_LOG_LEVEL: 'warn' })).toBe('warn');
    expect(logLevelFromEnv({ POS_LOG_LEVEL: 'loud' })).toBeUndefined();
    expect(logLevelFromEnv({})).toBeUndefined();
  });
});

describe('formatLogLine', () => {
  it('turns a pino line into one short human line and leaves other text alone', () => {
    const time = new Date(2026, 0, 5, 14, 3, 7).getTime();
    const line = JSON.stringify({
      level: 40,
      time,
      pid: 1,
      component: 'printer',
      err: { type: 'Error', message: 'paper low', stack: 'Error: paper low\n    at x' },
      msg: 'print failed',
    });
    expect(formatLogLine(line)).toBe('14:03:07 warn  printer: print failed (paper low)');
    expect(formatLogLine('not json')).toBeNull();
    expect(formatLogLine('{"hello":1}')).toBeNull();
  });
});
