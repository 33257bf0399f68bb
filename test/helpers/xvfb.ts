import { type ChildProcess, spawn } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface VirtualDisplay {
  /** The DISPLAY value, e.g. `:99`. */
  display: string;
  stop(): void;
}

/**
 * Starts an Xvfb X server on a free display (Xvfb picks it and writes it on
 * fd 3), for tests that open real windows. Fails with the apt command when
 * Xvfb is missing.
 */
export async function startXvfb(): Promise<VirtualDisplay> {
  const child: ChildProcess = spawn(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.trim());
    });
    child.once('error', () => reject(new Error('Xvfb is missing: sudo apt-get install xvfb')));
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display: `:${number}`, stop: () => child.kill('SIGTERM') };
}
