import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './source-graph.js';

const CODE = /\.(ts|tsx|mts|mjs|js|cjs|sql)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out', '.git', 'release']);

/** Every code or SQL file under `dir` (relative to the root; '' for the whole repository). */
export function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...codeFiles(path));
    } else if (CODE.test(entry.name)) out.push(path);
  }
  return out;
}

/** Who may name a module's tables: the owner's folder, a few exempt ones, and what a table name looks like (a global regex). */
export interface TableOwner {
  owner: string;
  exempt: readonly string[];
  names: RegExp;
}

/** `file: name` for every table of `rule` named in `files` outside its owner. */
export function strangers(rule: TableOwner, files: readonly string[], read: (file: string) => string): string[] {
  return files
    .filter((f) => !f.startsWith(rule.owner) && !rule.exempt.some((e) => f.startsWith(e)))
    .flatMap((f) => [...new Set(read(f).match(rule.names) ?? [])].map((name) => `${f}: ${name}`));
}
