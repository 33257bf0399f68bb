import { commandLoaders } from './commands/index.js';
import { type CommandIo, UsageError, processIo } from './command.js';

async function printHelp(io: CommandIo): Promise<void> {
  const lines = ['Counter POS operator tool', '', 'usage: pos <command> [options]', ''];
  for (const load of Object.values(commandLoaders)) {
    const command = await load();
    lines.push(`  ${command.usage}`, `      ${command.summary}`);
  }
  lines.push('', 'Run through npm as: npm run -s pos -- <command> [options]');
  io.out(lines.join('\n'));
}

/** Entry point of the `pos` CLI; returns the exit code. */
export async function runPos(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await printHelp(io);
    return name ? 0 : 2;
  }
  const load = commandLoaders[name];
  if (!load) {
    io.err(`pos: unknown command "${name}" (pos --help lists them)`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: pos ${command.usage}\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pos ${name}: ${error.message}\nusage: pos ${command.usage}`);
      return 2;
    }
    throw error;
  }
}
