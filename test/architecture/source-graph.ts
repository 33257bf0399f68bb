import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** The repository root (this file is test/architecture/source-graph.ts). */
export const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '../..');

/** Every .ts/.tsx file under `dir` (relative to the root), sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(join(ROOT, d), { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(path);
      } else if (/\.(ts|tsx|mts|mjs)$/.test(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}

// `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`, type-only ones included:
// a loop of types is still a loop in how the code reads.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.{1,2}\/[^'"]+)['"]/g;

/** The files `file` imports by relative path, resolved to repository paths (`.js` specifiers name `.ts` files). */
export function relativeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found = new Set<string>();
  for (const match of text.matchAll(SPECIFIER)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), match[1]!)).replace(/\.js$/, '.ts');
    found.add(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}.ts`);
  }
  return [...found];
}

/** The import cycles among `files` (each as the files on it, smallest first), by Tarjan's strongly connected components. */
export function importCycles(files: readonly string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((f) => [f, relativeImports(f).filter((t) => known.has(t))]));
  let index = 0;
  const stack: string[] = [];
  const meta = new Map<string, { index: number; low: number; onStack: boolean }>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    meta.set(v, { index, low: index, onStack: true });
    index++;
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      const m = meta.get(w);
      if (!m) {
        visit(w);
        meta.get(v)!.low = Math.min(meta.get(v)!.low, meta.get(w)!.low);
      } else if (m.onStack) meta.get(v)!.low = Math.min(meta.get(v)!.low, m.index);
    }
    const mv = meta.get(v)!;
    if (mv.low !== mv.index) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      meta.get(w)!.onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || edges.get(v)!.includes(v)) cycles.push(component.sort());
  };
  for (const f of files) if (!meta.has(f)) visit(f);
  return cycles;
}
