import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './source-graph.js';

/** What lint says of `code` placed at `filePath` (the repository's eslint.config.js). */
async function lint(filePath: string, code: string): Promise<string[]> {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the layers inside src/ (eslint.config.js, SRC_LAYERS)', () => {
  it('refuse an import of a higher module', async () => {
    expect(await lint('src/money/probe.ts', "import type { IdKind } from '../payments/ids.js';\nexport type X = IdKind;\n")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*src\/money may import only/),
    ]);
    expect(await lint('src/ledger/probe.ts', "import type { SaleRow } from '../payments/payment-store.js';\nexport type X = SaleRow;\n")).toEqual([
      expect.stringMatching(/src\/ledger may import only platform/),
    ]);
  }, 60_000);

  it('let a module import the lower ones it lists', async () => {
    expect(await lint('src/payments/probe.ts', "import type { Clock } from '../platform/clock.js';\nexport type X = Clock;\n")).toEqual([]);
  }, 60_000);
});
