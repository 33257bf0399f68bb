import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type RunningApp, startElectronApp } from '../../main/electron/app-main.js';
import {
  type StubDisplay,
  type StubFrame,
  StubWebContents,
  resetElectronStub,
} from '../stubs/electron.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { fakeRendererBuild } from '../helpers/fake-renderer-build.js';

process.env.POS_LOG_LEVEL = 'error';

export const PRELOAD = '/opt/counter-pos/out/preload/index.cjs';

/** Starts main/electron against the stub with a temp userData and renderer build. */
export function useElectronApp(): (options?: {
  displays?: StubDisplay[];
  isPackaged?: boolean;
}) => Promise<{
  app: RunningApp;
  root: string;
}> {
  const tempDir = useTempDir('pos-electron-');
  const running: RunningApp[] = [];
  afterEach(async () => {
    for (const app of running.splice(0)) await app.shutdown();
  });
  return async (options = {}) => {
    const root = tempDir();
    const rendererDir = fakeRendererBuild(root);
    resetElectronStub({ userData: join(root, 'user-data'), ...options });
    const app = await startElectronApp({ preload: PRELOAD, rendererDir });
    if (!app) throw new Error('expected the single-instance lock');
    running.push(app);
    return { app, root };
  };
}

/** An IPC invoke event as Electron builds it, from a given frame of a given web contents. */
export function invokeEvent(sender: StubWebContents, frame: StubFrame | null = sender.mainFrame) {
  return { sender, senderFrame: frame };
}

export function foreignContents(url: string): StubWebContents {
  const contents = new StubWebContents();
  contents.mainFrame.url = url;
  return contents;
}

/** Splits a CSP header into directive -> sources. */
export function parseCsp(header: string): Map<string, string[]> {
  return new Map(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}
