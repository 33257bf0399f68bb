import { describe, expect, it } from 'vitest';
import { post, rawSocket, until, useBridge } from './bridge-test-kit.js';

const start = useBridge();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const displayTokenOf = (url: string) => new URL(url).hash.replace(/^#token=/, '');

describe('browser bridge: the customer display has its own token (issue 14 points 3 and 7)', () => {
  it('gives the display URL a token of its own that reaches display methods only', async () => {
    const { bridge } = await start();
    const display = displayTokenOf(bridge.displayUrl);
    expect(display).not.toBe(bridge.token);
    expect(bridge.displayUrl).toContain('view=customer-display');
    expect((await post(`${bridge.origin}/api/display.get`, {}, bearer(display))).status).toBe(200);
    // Marking an offline QR paid is the cashier's: the display's token is refused (403), not unauthenticated.
    const settle = await post(`${bridge.origin}/api/checkout.settleOfflineQr`, { input: { outcome: 'paid' } }, bearer(display));
    expect(settle.status).toBe(403);
    expect(settle.body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await post(`${bridge.origin}/api/checkout.payByCode`, { input: { code: '134728953980228598' } }, bearer(display))).status).toBe(403);
  });

  it('never pushes scans (the full payment code) or checkout events to a display socket', async () => {
    const { bridge, services } = await start();
    const events = `ws://127.0.0.1:${bridge.port}/events`;
    const display = rawSocket(`${events}?token=${displayTokenOf(bridge.displayUrl)}`);
    const cashier = rawSocket(`${events}?token=${bridge.token}`);
    await until(() => display.messages.length > 0 && cashier.messages.length > 0);
    services.events.emit('scan', { deviceId: 'wedge', code: '134728953980228598', receivedAt: 1 });
    services.status.update({ outboxDepth: 3 });
    await until(() => cashier.messages.length === 3 && display.messages.length === 2);
    expect(cashier.messages.map((m) => m.event)).toEqual([undefined, 'scan', 'status.changed']);
    expect(display.messages.map((m) => m.event)).toEqual([undefined, 'status.changed']);
    expect(JSON.stringify(display.messages)).not.toContain('134728953980228598');
    display.ws.close();
    cashier.ws.close();
  });
});
