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
    // CI runs on two shared cores with real SQLite fsyncs, loopback HTTP, socat
    // and Chromium; one retry there keeps a timing hiccup from blocking a
    // landing, and vitest still reports every retried test. Locally a flaky
    // test fails at once, so it gets fixed (two closeout races were, this way).
    retry: process.env.CI ? 1 : 0,
    hookTimeout: 60_000,
  },
});
