import { describe, expect, it } from 'vitest';
import { ConnectivityMonitor } from '../../src/relay/connectivity.js';
import type { ConnectivityState } from '../../src/relay/gateway.js';
import { faultyFetch, payRequest, useSandbox } from '../sandbox/fixture.js';

describe('ConnectivityMonitor', () => {
  it('goes degraded on a failure or a slow answer, offline after N failures in a row, online on a good answer', () => {
    const monitor = new ConnectivityMonitor({ offlineAfterFailures: 3, slowAnswerMs: 1_000 });
    const seen: ConnectivityState[] = [];
    const stop = monitor.onChange((state) => seen.push(state));
    monitor.recordAnswer(20);
    monitor.recordAnswer(1_500);
    monitor.recordAnswer(20);
    monitor.recordFailure();
    monitor.recordFailure();
    monitor.recordFailure();
    monitor.recordFailure();
    monitor.recordAnswer(20);
    stop();
    monitor.recordFailure();
    expect(seen).toEqual(['degraded', 'online', 'degraded', 'offline', 'online']);
    expect(monitor.state()).toBe('degraded');
  });
});

describe('RelayClient connectivity from real traffic', () => {
  const start = useSandbox();

  it('follows the sandbox through slow answers, 5xx and an outage back to online', async () => {
    let fault: string | undefined;
    const { clientWith, gateway } = await start();
    const client = clientWith({
      fetch: faultyFetch(() => fault),
      // Well above what a loaded CI machine takes for a normal answer (its
      // first, cold one took over a second at load 20), below the fault's.
      connectivity: { offlineAfterFailures: 3, slowAnswerMs: 2_500 },
      retry: { attempts: 1 },
    });
    const attempt = () =>
      client.inquire('pay-00000001').then(
        () => 'answer',
        (e: { kind: string }) => e.kind,
      );
    // The cold first answer (keys, connection) is not what this test is about.
    expect(await attempt()).toBe('answer');
    const seen: ConnectivityState[] = [];
    client.onConnectivityChange((state) => seen.push(state));

    expect(await attempt()).toBe('answer');
    expect(client.connectivity()).toBe('online');
    fault = 'latency=3500';
    await attempt();
    expect(client.connectivity()).toBe('degraded');
    fault = 'server-error';
    await attempt();
    await attempt();
    expect(client.connectivity()).toBe('degraded');
    await attempt();
    expect(client.connectivity()).toBe('offline');
    fault = undefined;
    await attempt();
    expect(client.connectivity()).toBe('online');
    expect(seen).toEqual(['degraded', 'offline', 'online']);

    await gateway.close();
    for (let i = 0; i < 3; i++)
      expect(
        await client.pay(payRequest()).then(
          () => 'paid',
          (e: { kind: string }) => e.kind,
        ),
      ).toBe('connection');
    expect(client.connectivity()).toBe('offline');
  });
});
