import { runPos } from '../../main/cli/pos.js';

/** What one in-process `pos` run returned, and what it wrote (each stream's writes joined by newlines). */
export interface PosRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `pos <args>` in this process, as bin/pos.mjs would, collecting what it writes. */
export async function runPosCaptured(...args: string[]): Promise<PosRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPos(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
