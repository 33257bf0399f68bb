import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { securePosDataDir } from '../../main/services/private-data-dir.js';
import { useTempDir } from '../helpers/temp-dir.js';

const tempDir = useTempDir('pos-private-');
const umask = process.umask();
afterEach(() => {
  process.umask(umask);
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created 0700, tightens what is already there, and makes new files 0600', () => {
    const dir = join(tempDir(), 'data');
    mkdirSync(join(dir, 'receipts'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dir, 'staff.json'), '{}', { mode: 0o644 });
    writeFileSync(join(dir, 'receipts', 'r1.bin'), 'x', { mode: 0o644 });
    securePosDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, 'receipts'))).toBe(0o700);
    expect(mode(join(dir, 'staff.json'))).toBe(0o600);
    expect(mode(join(dir, 'receipts', 'r1.bin'))).toBe(0o600);
    writeFileSync(join(dir, 'journal-live.db'), '');
    mkdirSync(join(dir, 'logs'));
    expect(mode(join(dir, 'journal-live.db'))).toBe(0o600);
    expect(mode(join(dir, 'logs'))).toBe(0o700);
  });
});
