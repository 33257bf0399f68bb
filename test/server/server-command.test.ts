import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreRefusedError } from '../../src/store/store-link.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { link, startServer } from './server-process.js';
import { pgliteTemplate } from './test-databases.js';

const tempDir = useTempDir('pos-server-command-');

// Issue 18 Deliver 1: "its embedded default is PGlite …, so `npm run server` works on a fresh
// machine with no database installed". The server's tests build StoreServer in-process; this runs
// the command itself, with no --database, in an empty data folder, twice.
describe('npm run server, with no database named', () => {
  it('keeps its store in PGlite in the data folder: a till enrolls, and after a restart the store is still there', async () => {
    const data = tempDir();
    // The first start's initdb takes ~15 s in WebAssembly; the tests' migrated-nothing template is the same empty cluster.
    cpSync(pgliteTemplate(), join(data, 'pglite'), { recursive: true });
    const first = await startServer(['--data', data, '--store-id', 'S1', '--enrollment-code', 'CODE-S1']);
    expect(first.stderr()).toContain(`PGlite in ${join(data, 'pglite')}`);
    expect(await link(first.url, 'T01').register('CODE-S1')).toMatchObject({ storeId: 'S1' });
    await expect(link(first.url, 'T02').register('WRONG')).rejects.toBeInstanceOf(StoreRefusedError);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    // No --enrollment-code now: the store and its code come from the folder.
    const second = await startServer(['--data', data]);
    expect(await link(second.url, 'T02').register('CODE-S1')).toMatchObject({ storeId: 'S1' });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
