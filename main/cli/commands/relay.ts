import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { GatewayUnreachableError } from '../../../src/relay/gateway.js';
import { isRelayOperation, RELAY_OPERATIONS } from '../../../src/relay/operations.js';
import { RelayClient } from '../../../src/relay/relay-client.js';
import { publicKeyToBase64 } from '../../../src/relay/signing.js';
import { InvalidRelayRequestError } from '../../../src/relay/signed-transport.js';
import {
  TerminalKeyError,
  generateTerminalKey,
  loadTerminalKey,
  saveTerminalKey,
} from '../../../src/relay/terminal-key.js';
import { DEFAULT_DATA_DIR } from '../../paths.js';
import { type CommandIo, type PosCommand, UsageError } from '../command.js';
import { parseCliArgs } from '../parse-flags.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../../src/relay/gateway-key-file.js';

const OPTIONS = {
  url: { type: 'string' },
  terminal: { type: 'string' },
  key: { type: 'string' },
  'enrollment-code': { type: 'string' },
  force: { type: 'boolean' },
  'show-request': { type: 'boolean' },
} as const;

interface RelayArgs {
  url: string;
  terminal: string;
  key: string;
  enrollmentCode?: string;
  force: boolean;
  showRequest: boolean;
  positionals: string[];
}

/** Flags, then the environment (POS_RELAY_URL, POS_TERMINAL_ID, POS_TERMINAL_KEY), then defaults. */
function parseRelayArgs(args: string[]): RelayArgs {
  const { values, positionals } = parseCliArgs({
    args,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  return {
    url: values.url ?? process.env.POS_RELAY_URL ?? 'http://127.0.0.1:8787',
    terminal: values.terminal ?? process.env.POS_TERMINAL_ID ?? 'till-01',
    key: resolve(
      values.key ?? process.env.POS_TERMINAL_KEY ?? join(DEFAULT_DATA_DIR, 'terminal-key.pem'),
    ),
    enrollmentCode: values['enrollment-code'],
    force: values.force ?? false,
    showRequest: values['show-request'] ?? false,
    positionals,
  };
}

/** A fetch that prints each request's method, URL, signature headers and body to stderr first. */
function showingFetch(io: CommandIo): typeof fetch {
  return (input, init) => {
    const headers = Object.entries((init?.headers ?? {}) as Record<string, string>).map(
      ([name, value]) => `${name}: ${value}`,
    );
    io.err(
      [
        `${init?.method ?? 'GET'} ${String(input)}`,
        ...headers,
        '',
        typeof init?.body === 'string' ? init.body : '',
        '',
      ].join('\n'),
    );
    return fetch(input, init);
  };
}

function clientFor(options: RelayArgs, io: CommandIo): RelayClient {
  return new RelayClient({
    baseUrl: options.url,
    terminalId: options.terminal,
    privateKey: loadTerminalKey(options.key),
    // Pinned by `register` beside the key; every later answer must be signed by it.
    gatewayKey: fileGatewayPin(join(dirname(options.key), GATEWAY_KEY_FILE)),
    fetch: options.showRequest ? showingFetch(io) : undefined,
    retry: { attempts: 1 },
  });
}

function keygen(options: RelayArgs, io: CommandIo): number {
  if (existsSync(options.key) && !options.force) {
    io.err(
      `pos relay: ${options.key} exists; a new key needs re-registration (add --force to replace it)`,
    );
    return 1;
  }
  mkdirSync(dirname(options.key), { recursive: true });
  const key = generateTerminalKey();
  saveTerminalKey(options.key, key);
  io.out(`private key: ${options.key} (mode 0600)\npublic key: ${publicKeyToBase64(key)}`);
  return 0;
}

/** Prints an answer; exit 0 for result S, 1 for F or U. */
function printAnswer(answer: { result: { status: string } }, io: CommandIo): number {
  io.out(JSON.stringify(answer, null, 2));
  return answer.result.status === 'S' ? 0 : 1;
}

async function call(options: RelayArgs, io: CommandIo): Promise<number> {
  const [operation, json = '{}'] = options.positionals.slice(1);
  if (!operation || !isRelayOperation(operation)) {
    throw new UsageError(`call needs an operation: ${Object.keys(RELAY_OPERATIONS).join(', ')}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(json);
  } catch {
    throw new UsageError(`the request must be JSON, got ${JSON.stringify(json)}`);
  }
  const client = clientFor(options, io);
  // The operator's JSON is checked against the operation's schema by the client
  // before anything is sent (InvalidRelayRequestError), so no type is trusted here.
  return printAnswer(await client.call(operation, input as never), io);
}

async function relay(args: string[], io: CommandIo): Promise<number> {
  const options = parseRelayArgs(args);
  const [verb] = options.positionals;
  try {
    switch (verb) {
      case 'keygen':
        return keygen(options, io);
      case 'register':
        if (!options.enrollmentCode)
          throw new UsageError('register needs --enrollment-code (the sandbox prints it)');
        return printAnswer(await clientFor(options, io).register(options.enrollmentCode), io);
      case 'call':
        return await call(options, io);
      default:
        throw new UsageError(
          verb ? `unknown relay verb "${verb}"` : 'give keygen, register or call',
        );
    }
  } catch (error) {
    if (
      error instanceof GatewayUnreachableError ||
      error instanceof TerminalKeyError ||
      error instanceof InvalidRelayRequestError
    ) {
      io.err(`pos relay: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

export const relayCommand: PosCommand = {
  name: 'relay',
  summary: 'terminal key, registration and signed calls to the relay gateway',
  usage:
    'relay keygen|register|call <operation> [json] [--url U] [--terminal ID] [--key FILE] [--show-request]',
  run: relay,
};
