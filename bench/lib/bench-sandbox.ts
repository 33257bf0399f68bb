import type { KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type SandboxGateway, type SandboxGatewayOptions, startSandboxGateway } from '../../sandbox/index.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

/** A sandbox gateway on loopback with one registered terminal, its state in a fresh temporary folder. */
export interface BenchSandbox {
  /** The temporary folder: the sandbox's database is here; put the till's files here too. */
  dir: string;
  gateway: SandboxGateway;
  /** The registered terminal's signed relay client. */
  client: RelayClient;
  /** That terminal's private key, for requests signed by hand (the reliability report's attacks). */
  key: KeyObject;
  /** Stops the gateway (again, if the benchmark already did) and removes the folder. */
  close(): Promise<void>;
}

/** Starts the sandbox the relay benchmarks measure against, and registers `terminalId` with a new key. */
export async function startBenchSandbox(
  prefix: string,
  terminalId = 'T01',
  options: Omit<SandboxGatewayOptions, 'dbPath'> = {},
): Promise<BenchSandbox> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const gateway = await startSandboxGateway({ ...options, dbPath: join(dir, 'sandbox.db') });
  const key = generateTerminalKey();
  gateway.registerTerminal(terminalId, key);
  const client = new RelayClient({ baseUrl: gateway.url, terminalId, privateKey: key, gatewayKey: memoryPin(gateway.publicKey()) });
  return {
    dir,
    gateway,
    client,
    key,
    close: async () => {
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
