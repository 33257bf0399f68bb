import { describe, expect, it } from 'vitest';
import { startSandboxGateway } from '../../sandbox/index.js';
import type { GatewayEvent } from '../../src/relay/protocol.js';
import { RelayClient } from '../../src/relay/relay-client.js';
import { signRequest } from '../../src/relay/signing.js';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { TERMINAL, faultyFetch, payRequest, useSandbox } from '../sandbox/fixture.js';
import { HOSTILE_GATEWAY_PUBLIC_KEY, answer, eventSignatureLine, useHostileServer } from './hostile-server.js';
import { memoryPin } from '../../src/relay/gateway-key.js';

/** A fetch whose event-stream requests carry `fault` (the other requests go through untouched). */
const streamFault = (fault: string) =>
  faultyFetch((url) => (url.includes('/v1/events') ? fault : undefined));

const FAST = { initialBackoffMs: 20, maxBackoffMs: 200 };

/** Reads the raw SSE text of GET /v1/events for `ms`. */
async function rawStream(
  url: string,
  key: ReturnType<typeof generateTerminalKey>,
  ms: number,
  fault?: string,
): Promise<string> {
  const headers: Record<string, string> = {
    ...signRequest(
      key,
      TERMINAL,
      { method: 'GET', pathWithQuery: '/v1/events', body: '' },
      Date.now(),
    ),
  };
  if (fault) headers['x-sandbox-fault'] = fault;
  const controller = new AbortController();
  const response = await fetch(`${url}/v1/events`, { headers, signal: controller.signal });
  const reader = response.body!.getReader();
  let text = '';
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } catch {
    // aborted after `ms`: what was read is the answer
  } finally {
    clearTimeout(timer);
  }
  return text;
}

describe('gateway event stream (SSE)', () => {
  const start = useSandbox();
  const serve = useHostileServer();

  it('resumes from Last-Event-ID: a new subscription gets only what it missed', async () => {
    const { client } = await start({}, { events: FAST });
    const first: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => first.push(event));
    await client.pay(payRequest());
    await client.pay(payRequest());
    await expect.poll(() => first.length).toBe(2);
    subscription.close();

    await client.pay(payRequest());
    await client.pay(payRequest());
    const resumed: GatewayEvent[] = [];
    const again = client.subscribe((event) => resumed.push(event), first[1]!.id);
    try {
      await expect
        .poll(() => resumed.map((e) => Number(e.id)))
        .toEqual([Number(first[1]!.id) + 1, Number(first[1]!.id) + 2]);
    } finally {
      again.close();
    }
  });

  it('reconnects after the gateway restarts and resumes without loss or repeats', async () => {
    const { gateway, client, key, dbPath } = await start({}, { events: FAST });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event));
    try {
      await client.pay(payRequest());
      await expect.poll(() => events.length).toBe(1);
      const port = gateway.port;
      await gateway.close();
      const restarted = await startSandboxGateway({ dbPath, port });
      try {
        const other = new RelayClient({
          baseUrl: restarted.url,
          terminalId: TERMINAL,
          privateKey: key,
          gatewayKey: memoryPin(restarted.publicKey()),
        });
        await other.pay(payRequest());
        await other.pay(payRequest());
        await expect
          .poll(() => events.map((e) => e.id), { timeout: 5_000 })
          .toEqual(['1', '2', '3']);
      } finally {
        await restarted.close();
      }
    } finally {
      subscription.close();
    }
  });

  it('drops duplicated events (duplicate-events fault) but delivers each once', async () => {
    const { client, clientWith, gateway, key } = await start();
    await client.pay(payRequest());
    await client.pay(payRequest());
    const raw = await rawStream(gateway.url, key, 150, 'duplicate-events');
    expect(raw.match(/^id: 1$/gm)).toHaveLength(2);

    const events: GatewayEvent[] = [];
    const duplicating = clientWith({ events: FAST, fetch: streamFault('duplicate-events') });
    const subscription = duplicating.subscribe((event) => events.push(event));
    try {
      await client.pay(payRequest());
      await expect.poll(() => events.map((e) => e.id)).toEqual(['1', '2', '3']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events).toHaveLength(3);
    } finally {
      subscription.close();
    }
  });

  it('delivers out-of-order events (out-of-order-events fault) and loses none on resume', async () => {
    const { client, clientWith } = await start();
    for (let i = 0; i < 3; i++) await client.pay(payRequest());
    const events: GatewayEvent[] = [];
    const shuffled = clientWith({ events: FAST, fetch: streamFault('out-of-order-events') });
    const subscription = shuffled.subscribe((event) => events.push(event));
    try {
      await expect.poll(() => events.map((e) => e.id)).toEqual(['3', '2', '1']);
      await client.pay(payRequest());
      await client.pay(payRequest());
      await expect.poll(() => events.map((e) => e.id).sort()).toEqual(['1', '2', '3', '4', '5']);
    } finally {
      subscription.close();
    }
  });

  it('sends Last-Event-ID as header and query on reconnect, skips malformed events, and backs off on refusals', async () => {
    let connection = 0;
    const { url, received } = await serve((req, res) => {
      connection += 1;
      if (connection === 2)
        return answer(res, 401, {
          result: { status: 'F', code: 'SIGNATURE_INVALID', message: 'no' },
        });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const payment = {
        paymentId: 'p1',
        paymentRequestId: 'pay-0000001',
        status: 'SUCCESS',
        scenario: 'CPM',
        amount: { currency: 'KRW', value: '100' },
        createdAt: '2026-01-05T01:00:00.000Z',
      };
      if (connection === 1) {
        res.write(`id: 41\n${eventSignatureLine(TERMINAL, '41', '{"broken"')}data: {"broken"\n\n`);
        const data = JSON.stringify({ id: '42', type: 'payment.succeeded', payment });
        res.end(`id: 42\nevent: payment.succeeded\n${eventSignatureLine(TERMINAL, '42', data)}data: ${data}\n\n`);
      } else {
        const data = JSON.stringify({ id: '43', type: 'payment.succeeded', payment });
        res.write(`id: 43\n${eventSignatureLine(TERMINAL, '43', data)}data: ${data}\n\n`);
      }
    });
    const client = new RelayClient({
      baseUrl: url,
      terminalId: TERMINAL,
      privateKey: generateTerminalKey(),
      gatewayKey: memoryPin(HOSTILE_GATEWAY_PUBLIC_KEY),
      events: FAST,
    });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event), '40');
    try {
      await expect.poll(() => events.map((e) => e.id)).toEqual(['42', '43']);
    } finally {
      subscription.close();
    }
    expect(received[0]).toMatchObject({
      url: '/v1/events?lastEventId=40',
      headers: expect.objectContaining({ 'last-event-id': '40' }),
    });
    expect(received[1]).toMatchObject({
      url: '/v1/events?lastEventId=42',
      headers: expect.objectContaining({ 'last-event-id': '42' }),
    });
    expect(received[2]?.headers['last-event-id']).toBe('42');
  });

  it('resumes from the highest event id seen, not the last one received (defect 9)', async () => {
    let connection = 0;
    const { url, received } = await serve((_req, res) => {
      connection += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const payment = {
        paymentId: 'p1',
        paymentRequestId: 'pay-0000001',
        status: 'SUCCESS',
        scenario: 'CPM',
        amount: { currency: 'KRW', value: '100' },
        createdAt: '2026-01-05T01:00:00.000Z',
      };
      const event = (id: string) => {
        const data = JSON.stringify({ id, type: 'payment.succeeded', payment });
        return `id: ${id}\n${eventSignatureLine(TERMINAL, id, data)}data: ${data}\n\n`;
      };
      // Reordered delivery: 44 before 43; the stream then drops.
      if (connection === 1) res.end(event('44') + event('43'));
      else res.write(event('45'));
    });
    const client = new RelayClient({ baseUrl: url, terminalId: TERMINAL, privateKey: generateTerminalKey(), gatewayKey: memoryPin(HOSTILE_GATEWAY_PUBLIC_KEY), events: FAST });
    const events: GatewayEvent[] = [];
    const subscription = client.subscribe((event) => events.push(event), '42');
    try {
      await expect.poll(() => events.map((e) => e.id)).toEqual(['44', '43', '45']);
    } finally {
      subscription.close();
    }
    expect(received[1]).toMatchObject({ url: '/v1/events?lastEventId=44', headers: expect.objectContaining({ 'last-event-id': '44' }) });
  });

  it('treats a silent stream as dead after idleTimeoutMs and reconnects', async () => {
    const { url, received } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': connected\n\n');
    });
    const client = new RelayClient({
      baseUrl: url,
      terminalId: TERMINAL,
      privateKey: generateTerminalKey(),
      gatewayKey: memoryPin(HOSTILE_GATEWAY_PUBLIC_KEY),
      events: { ...FAST, idleTimeoutMs: 100 },
    });
    const subscription = client.subscribe(() => undefined);
    try {
      await expect.poll(() => received.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      subscription.close();
    }
  });
});
