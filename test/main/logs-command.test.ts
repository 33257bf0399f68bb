import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPosLogging } from '../../main/logging.js';
import { logDir } from '../../main/paths.js';
import { runPosCaptured } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-logs-cmd-');

describe('pos logs', () => {
  it("shows the log file's tail as human lines, or as the JSON it holds", async () => {
    const data = tempDir();
    const logging = await createPosLogging({ dir: logDir(data), level: 'info', console: false });
    for (let i = 1; i <= 5; i++) logging.logger.info({ n: i }, `step ${i}`);
    logging.logger
      .child({ component: 'printer' })
      .warn({ err: new Error('paper out') }, 'print failed');
    await logging.close();

    const human = await runPosCaptured('logs', '--data', data, '--lines', '3');
    expect(human.code).toBe(0);
    const lines = human.out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d info {2}step 4$/);
    expect(lines[2]).toMatch(/^\d\d:\d\d:\d\d warn {2}printer: print failed \(paper out\)$/);

    const json = await runPosCaptured('logs', '--data', data, '--lines', '1', '--format', 'json');
    expect(JSON.parse(json.out)).toMatchObject({ msg: 'print failed', level: 40 });
  });

  it('says where it looked when there is no log yet', async () => {
    const data = join(tempDir(), 'never-started');
    const result = await runPosCaptured('logs', '--data', data);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`no log yet in ${join(data, 'logs')}`);
  });
});
