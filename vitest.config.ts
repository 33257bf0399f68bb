import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Electron binary cannot be downloaded on our build machines, so `main/` is
// tested against a stub of the `electron` module that records every setting.
export default defineConfig({
  resolve: {
    alias: {
      electron: fileURLToPath(new URL('./test/stubs/electron.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
