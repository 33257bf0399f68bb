import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The data folder holds the journal, the terminal key, the staff PINs and
 * receipts: readable by the till's user only (issue 14, "Quiet data"). The
 * umask makes every file the till creates from now on 0600 and every folder
 * 0700, whichever module creates it, so no call site has to remember; what
 * an older version left with looser permissions is tightened once at start.
 */
export function securePosDataDir(dataDir: string): void {
  if (process.platform === 'win32') return;
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tighten(dataDir);
}

function tighten(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) tighten(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
