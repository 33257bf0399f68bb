import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RelayClient } from '../../src/relay/relay-client.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

const POS = join(import.meta.dirname, '..', '..', 'bin', 'pos.mjs');

/** Starts `pos sandbox` as a real process and waits for the URL it prints. */
async function startCli(
  args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [POS, 'sandbox', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const match = /sandbox relay gateway: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`pos sandbox exited ${code}: ${output}`)));
  });
  return { child, url, output: () => output };
}

describe('pos sandbox', () => {
  const tempDir = useTempDir();
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the API on 127.0.0.1, refuses a bad signature clearly, and stops on SIGINT', async () => {
    const { child, url, output } = await startCli([
      '--port',
      '0',
      '--db',
      join(tempDir(), 'sandbox.db'),
    ]);
    children.push(child);
    expect(output()).toContain('enrollment code: SANDBOX');

    const badlySigned = async (terminalId: string) => {
      const response = await fetch(`${url}/v1/payments/pay`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'X-Terminal-Id': terminalId,
          'X-Timestamp': String(Date.now()),
          'X-Nonce': '0123456789abcdef0123456789abcdef',
          'X-Signature': 'AAAA',
        },
        body: '{}',
      });
      return {
        status: response.status,
        answer: (await response.json()) as { result: { code: string; message: string } },
      };
    };
    const unregistered = await badlySigned('till-01');
    expect(unregistered.status).toBe(401);
    expect(unregistered.answer.result).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: expect.stringContaining('pos relay register'),
    });

    const client = new RelayClient({
      baseUrl: url,
      terminalId: 'till-01',
      privateKey: generateTerminalKey(),
      gatewayKey: memoryPin(),
    });
    expect((await client.register('SANDBOX')).result.code).toBe('SUCCESS');
    const forged = await badlySigned('till-01');
    expect(forged.status).toBe(401);
    expect(forged.answer.result).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: expect.stringContaining('does not verify'),
    });
    expect((await client.exchangeRates()).result.code).toBe('SUCCESS');

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output()).toContain('SIGINT, stopping');
  });

  it('refuses bad options with the usage', async () => {
    const child = spawn(process.execPath, [POS, 'sandbox', '--port', 'eighty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(2);
    expect(err).toContain('usage: pos sandbox');
  });
});
