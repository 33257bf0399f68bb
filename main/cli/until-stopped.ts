import type { CommandIo } from './command.js';

/** Resolves with the first SIGINT or SIGTERM, then removes both listeners. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((done) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * The end of a long-running command (serve, sandbox): prints `banner`, waits
 * for Ctrl+C or SIGTERM, then runs `stop` so servers and journals close
 * cleanly instead of Node's default signal handling killing them mid-write.
 * Resolves with exit code 0.
 */
export async function runUntilStopped(
  io: CommandIo,
  banner: readonly string[],
  stop: (signal: NodeJS.Signals) => Promise<void>,
): Promise<number> {
  io.out(banner.join('\n'));
  await stop(await untilStopSignal());
  return 0;
}
