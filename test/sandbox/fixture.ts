import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import {
  type SandboxGateway,
  type SandboxGatewayOptions,
  startSandboxGateway,
} from '../../sandbox/index.js';
import { RelayClient, type RelayClientOptions } from '../../src/relay/relay-client.js';
import { signRequest } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { useTempDir } from '../helpers/temp-dir.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

export const TERMINAL = 'till-01';

export interface SandboxFixture {
  gateway: SandboxGateway;
  client: RelayClient;
  key: KeyObject;
  dbPath: string;
  /** Another client of the same terminal, with other options. */
  clientWith(options: Partial<RelayClientOptions>): RelayClient;
}

/**
 * A sandbox gateway on 127.0.0.1 (port 0) with its SQLite file in a temp
 * dir, a registered terminal and a RelayClient for it; closed after each test.
 */
export function useSandbox(): (
  options?: Partial<SandboxGatewayOptions>,
  client?: Partial<RelayClientOptions>,
) => Promise<SandboxFixture> {
  const tempDir = useTempDir('pos-sandbox-');
  const open: SandboxGateway[] = [];
  afterEach(async () => {
    for (const gateway of open.splice(0)) await gateway.close();
  });
  return async (options = {}, clientOptions = {}) => {
    const dbPath = join(tempDir(), 'sandbox.db');
    // The WeChat Pay 15 s reverse rule is tested on its own (wallet-rules.test.ts); elsewhere it would only slow tests down.
    const gateway = await startSandboxGateway({ dbPath, earliestCancelMs: 0, ...options });
    open.push(gateway);
    const key = generateTerminalKey();
    gateway.registerTerminal(TERMINAL, key);
    const clientWith = (extra: Partial<RelayClientOptions>) =>
      new RelayClient({
        baseUrl: gateway.url,
        terminalId: TERMINAL,
        privateKey: key,
        gatewayKey: memoryPin(gateway.publicKey()),
        clock: options.clock,
        retry: { attempts: 2, delayMs: 5 },
        ...clientOptions,
        ...extra,
      });
    return { gateway, client: clientWith({}), key, dbPath, clientWith };
  };
}

let counter = 0;

/** A fresh idempotency key. */
export function requestId(prefix = 'req'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A payment code of `wallet`'s format ending in `suffix` (magic suffixes in
 * sandbox/wallets.ts; '7777' is not magic and succeeds).
 */
export function paymentCode(
  wallet: 'wechat-pay' | 'alipay' | 'zeropay' | 'unionpay',
  suffix = '7777',
): string {
  const digits = (n: number) =>
    Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  switch (wallet) {
    case 'wechat-pay':
      return `13${digits(12)}${suffix}`;
    case 'alipay':
      return `28${digits(18)}${suffix}`;
    case 'unionpay':
      return `62${digits(13)}${suffix}`;
    case 'zeropay':
      return `ZP${digits(14)}${suffix}`;
  }
}

/** A KRW amount as the protocol carries it. */
export function krw(value: number): { currency: string; value: string } {
  return { currency: 'KRW', value: String(value) };
}

/** A pay request with sensible defaults. */
export function payRequest(
  overrides: {
    paymentRequestId?: string;
    amount?: number;
    paymentCode?: string;
    billNumber?: string;
  } = {},
) {
  return {
    paymentRequestId: overrides.paymentRequestId ?? requestId('pay'),
    amount: krw(overrides.amount ?? 15_000),
    paymentCode: overrides.paymentCode ?? paymentCode('wechat-pay'),
    orderTitle: 'Americano x3',
    ...(overrides.billNumber ? { billNumber: overrides.billNumber } : {}),
  };
}

/** A signed request sent by hand (no client-side validation), for what the client would refuse to send. */
export async function signedRequest(
  baseUrl: string,
  key: KeyObject,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const headers = signRequest(
    key,
    TERMINAL,
    { method, pathWithQuery: path, body: text },
    Date.now(),
  );
  const response = await fetch(baseUrl + path, {
    method,
    headers: { ...headers, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    body: method === 'POST' ? text : undefined,
  });
  return {
    status: response.status,
    answer: (await response.json()) as {
      result: { status: string; code: string; message: string };
    },
  };
}

/** A fetch that adds `X-Sandbox-Fault` to the requests `choose` picks a fault for. */
export function faultyFetch(
  choose: (url: string, body: string) => string | undefined,
): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    const fault = choose(String(input), typeof init?.body === 'string' ? init.body : '');
    if (fault) headers.set('x-sandbox-fault', fault);
    return fetch(input, { ...init, headers });
  };
}
