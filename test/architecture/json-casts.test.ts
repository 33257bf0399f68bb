import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './source-graph.js';

async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// Issue 13 point 2: record bodies are zod schemas parsed on read; a cast believes whatever the disk holds.
describe('JSON.parse(...) as T in src/ (eslint.config.js, no-restricted-syntax)', () => {
  it('is refused, and parsing through a schema is not', async () => {
    expect(await lint('src/closeout/probe.ts', "export const body = JSON.parse('{}') as { total: number };\n")).toEqual([
      expect.stringMatching(/^no-restricted-syntax: JSON\.parse\(\.\.\.\) as T believes the data/),
    ]);
    const schema = "import { z } from 'zod';\nexport const body = z.object({ total: z.number() }).parse(JSON.parse('{}'));\n";
    expect(await lint('src/closeout/probe.ts', schema)).toEqual([]);
  }, 60_000);
});
