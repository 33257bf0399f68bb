import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Two pseudo-terminals joined by `socat -d -d pty,raw,echo=0 pty,raw,echo=0`.
 * socat announces each end on stderr ("PTY is /dev/pts/N"); the printer
 * driver opens one, the test plays the printer on the other.
 */
export interface SocatPair {
  host: string;
  printer: string;
  stop(): Promise<void>;
}

export function startSocatPair(timeoutMs = 3000): Promise<SocatPair> {
  const child: ChildProcess = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`socat did not report two PTYs within ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat (apt-get install socat): ${err.message}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const paths = [...stderr.matchAll(/PTY is (\/dev\/pts\/\d+)/g)].map((m) => m[1]!);
      if (paths.length >= 2) {
        clearTimeout(timer);
        resolve({ host: paths[0]!, printer: paths[1]!, stop });
      }
    });
  });
}
