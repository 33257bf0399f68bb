import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPosLogging, logLevelFromEnv } from '../../main/logging.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-logs-');

describe('createPosLogging', () => {
  it('writes JSON lines to a numbered log file that pino-roll rotates', async () => {
    const dir = join(tempDir(), 'logs');
    const logging = await createPosLogging({ dir, level: 'info', console: false });
    logging.logger.info({ terminalId: 'T-1' }, 'till opened');
    logging.logger.debug({}, 'below the level');
    await logging.close();
    const files = readdirSync(dir);
    expect(files).toEqual([expect.stringMatching(/^pos\.\d+\.log$/)]);
    const lines = readFileSync(join(dir, files[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'till opened', terminalId: 'T-1', level: 30 }),
    ]);
  });

  it('reads POS_LOG_LEVEL only when it names a level', () => {
    expect(logLevelFromEnv({ POS_LOG_LEVEL: 'warn' })).toBe('warn');
    expect(logLevelFromEnv({ POS_LOG_LEVEL: 'loud' })).toBeUndefined();
    expect(logLevelFromEnv({})).toBeUndefined();
  });
});
