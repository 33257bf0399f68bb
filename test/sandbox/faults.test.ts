import { describe, expect, it } from 'vitest';
import { GatewayUnreachableError } from '../../src/relay/gateway.js';
import { faultyFetch, payRequest, useSandbox } from './fixture.js';

describe('sandbox fault injection', () => {
  const start = useSandbox();

  it('latency=N delays the answer by N ms', async () => {
    const { clientWith } = await start();
    const client = clientWith({ fetch: faultyFetch(() => 'latency=150') });
    const started = performance.now();
    expect((await client.pay(payRequest())).result.code).toBe('SUCCESS');
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('timeout holds the answer past the client timeout; the charge was committed', async () => {
    const { clientWith, gateway } = await start();
    const client = clientWith({ fetch: faultyFetch(() => 'timeout'), timeouts: { pay: 200 } });
    const request = payRequest();
    const error = await client.pay(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayUnreachableError);
    expect(error).toMatchObject({ kind: 'timeout', operation: 'pay' });
    expect(gateway.ledger().payments).toEqual([
      expect.objectContaining({ paymentRequestId: request.paymentRequestId, charges: 1 }),
    ]);
  });

  it('drop-before loses the request: a connection error and nothing stored', async () => {
    const { client, clientWith, gateway } = await start();
    const request = payRequest();
    await expect(
      clientWith({ fetch: faultyFetch(() => 'drop-before') }).pay(request),
    ).rejects.toMatchObject({ kind: 'connection' });
    expect((await client.inquire(request.paymentRequestId)).result.code).toBe('PAYMENT_NOT_FOUND');
    expect(gateway.ledger().payments).toEqual([]);
  });

  it('drop-after loses the answer of a committed request', async () => {
    const { client, clientWith } = await start();
    const request = payRequest();
    await expect(
      clientWith({ fetch: faultyFetch(() => 'drop-after') }).pay(request),
    ).rejects.toMatchObject({ kind: 'connection' });
    expect((await client.inquire(request.paymentRequestId)).payment?.status).toBe('SUCCESS');
  });

  it('server-error answers 503 before handling; server-error-after answers 500 after committing', async () => {
    const { client, clientWith } = await start();
    const before = payRequest();
    const after = payRequest();
    await expect(
      clientWith({ fetch: faultyFetch(() => 'server-error') }).pay(before),
    ).rejects.toMatchObject({ kind: 'server-error' });
    await expect(
      clientWith({ fetch: faultyFetch(() => 'server-error-after') }).pay(after),
    ).rejects.toMatchObject({ kind: 'server-error' });
    expect((await client.inquire(before.paymentRequestId)).result.code).toBe('PAYMENT_NOT_FOUND');
    expect((await client.inquire(after.paymentRequestId)).payment?.status).toBe('SUCCESS');
  });

  it('refuses an unknown fault name with PARAM_ILLEGAL', async () => {
    const { clientWith } = await start();
    const answer = await clientWith({ fetch: faultyFetch(() => 'meteor-strike') }).pay(
      payRequest(),
    );
    expect(answer.result).toMatchObject({
      status: 'F',
      code: 'PARAM_ILLEGAL',
      message: expect.stringContaining('meteor-strike'),
    });
  });

  it('global rules through POST /sandbox/admin/faults fire by operation and probability, repeatably per seed', async () => {
    const { client, gateway } = await start();
    const configure = (seed: number) =>
      fetch(`${gateway.url}/sandbox/admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          seed,
          rules: [{ fault: 'server-error', operations: ['pay'], probability: 0.5 }],
        }),
      });
    const run = async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 16; i++) {
        outcomes.push(
          await client.pay(payRequest()).then(
            (a) => a.result.code,
            (e: GatewayUnreachableError) => e.kind,
          ),
        );
      }
      return outcomes;
    };
    expect((await configure(42)).status).toBe(200);
    const first = await run();
    expect(first).toContain('server-error');
    expect(first).toContain('SUCCESS');
    expect((await client.exchangeRates()).result.code).toBe('SUCCESS');
    await configure(42);
    expect(await run()).toEqual(first);

    await fetch(`${gateway.url}/sandbox/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [] }),
    });
    expect(await (await fetch(`${gateway.url}/sandbox/admin/faults`)).json()).toEqual({
      rules: [],
      seed: 1,
    });
    const bad = await fetch(`${gateway.url}/sandbox/admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ fault: 'nope' }] }),
    });
    expect(bad.status).toBe(400);
  });
});
