import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkBrowser, checkSerialPorts } from '../../main/cli/doctor/device-checks.js';
import { checkDataDir } from '../../main/cli/doctor/data-checks.js';
import { checkElectron } from '../../main/cli/doctor/runtime-checks.js';
import { versionAtLeast } from '../../main/cli/doctor/runtime-checks.js';
import { journalPath } from '../../main/paths.js';
import { openLedger } from '../../src/ledger/index.js';
import { ManualClock } from '../../src/platform/clock.js';
import { runPosCaptured } from '../helpers/run-pos.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-doctor-');

async function doctor(dataDir: string): Promise<{ code: number; lines: string[] }> {
  const { code, out, err } = await runPosCaptured('doctor', '--data', dataDir);
  return { code, lines: [out, err].filter(Boolean).join('\n').split('\n') };
}

describe('pos doctor', () => {
  it('reports every check as a line and exits 0 on this machine', async () => {
    const { code, lines } = await doctor(join(tempDir(), 'data'));
    expect(code, lines.join('\n')).toBe(0);
    for (const name of [
      'node',
      'better-sqlite3',
      'serialport',
      'node-hid',
      'data dir',
      'config',
      'journal',
      'serial ports',
      'udev rules',
      'electron',
      'browser',
    ]) {
      expect(
        lines.some((line) => new RegExp(`^(ok|warn) +${name} `).test(line)),
        name,
      ).toBe(true);
    }
    expect(lines.find((line) => /^\S+ +journal /.test(line))).toMatch(
      /^ok .*scratch journal .*verified/,
    );
    expect(lines.at(-1)).toMatch(/^\d+ ok, \d+ warn, 0 fail$/);
  });

  it('fails the config line, naming https, for a live gateway over plain http', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ gateway: { url: 'http://relay.example/' } }));
    const { code, lines } = await doctor(dataDir);
    expect(code).toBe(1);
    expect(lines.find((line) => /^\S+ +config /.test(line))).toMatch(/^fail +config /);
    expect(lines.join('\n')).toMatch(/config\.json is invalid:[\s\S]*only over https:\/\//);
  });

  it("fails and names the row when the journal was edited behind the app's back", async () => {
    const dataDir = tempDir();
    const path = journalPath(dataDir, 'training');
    const store = openLedger(path, { clock: new ManualClock() });
    for (let i = 1; i <= 5; i++)
      store.journal.append({ kind: 'sale.opened', aggregateId: `S${i}`, body: { total: i } });
    store.close();
    const intruder = new Database(path);
    intruder.exec('DROP TRIGGER journal_no_update');
    intruder.prepare('UPDATE journal SET body = ? WHERE seq = 4').run('{"total":400}');
    intruder.close();

    const { code, lines } = await doctor(dataDir);
    expect(code).toBe(1);
    expect(lines.find((line) => /^\S+ +journal /.test(line))).toMatch(/^fail +journal .*row 4 /);
    expect(lines.at(-1)).toMatch(/1 fail$/);
  });

  it('says why serial ports cannot be listed when udevadm is missing', async () => {
    const [result] = await checkSerialPorts({
      dataDir: tempDir(),
      env: { PATH: '' },
      clock: new ManualClock(),
    });
    expect(result).toEqual({
      name: 'serial ports',
      level: 'warn',
      detail: expect.stringMatching(/udevadm.*missing/),
    });
  });

  it('names the one command that fixes what a newcomer lacks', async () => {
    const ctx = (env: NodeJS.ProcessEnv, dataDir = tempDir()) => ({
      dataDir,
      env,
      clock: new ManualClock(),
    });
    const [browser] = await checkBrowser(ctx({ PATH: '' }));
    expect(browser).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('sudo apt-get install chromium'),
    });

    const [electron] = await checkElectron(ctx({ PATH: '' }));
    expect(electron!.level).toBe('warn');
    expect(electron!.detail).toMatch(/npm start runs browser mode/);

    const open = join(tempDir(), 'data');
    mkdirSync(open, { mode: 0o755 });
    const [dataDir] = await checkDataDir(ctx({}, open));
    expect(dataDir).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining(`chmod 700 ${open}`),
    });
  });

  it('compares versions numerically', () => {
    expect(versionAtLeast('20.20.2', '20.19')).toBe(true);
    expect(versionAtLeast('20.9.0', '20.19')).toBe(false);
    expect(versionAtLeast('22.0.0', '20.19')).toBe(true);
    expect(versionAtLeast('20.19.0', '20.19')).toBe(true);
  });
});
