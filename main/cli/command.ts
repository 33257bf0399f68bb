/** Where a command writes: the real streams in production, buffers in tests. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
}

/** One `pos` sub-command: `pos <name> [args...]`. Returns the process exit code. */
export interface PosCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CommandIo): Promise<number>;
}

/** Thrown by a command for a bad invocation; the CLI prints the message and the usage. */
export class UsageError extends Error {}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};
