import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useSandbox } from './fixture.js';

/** A raw request, so the test chooses the Host header (fetch does not let it). */
function send(port: number, path: string, headers: Record<string, string>, body = '{}') {
  return new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe("the sandbox's unsigned endpoints", () => {
  const start = useSandbox();

  it('answer only JSON from this loopback origin: a foreign Host, a foreign Origin or a form post is refused', async () => {
    const { gateway } = await start();
    const json = { 'content-type': 'application/json', host: `127.0.0.1:${gateway.port}` };
    expect(await send(gateway.port, '/sandbox/admin/reset', json)).toBe(200);
    expect(await send(gateway.port, '/sandbox/admin/reset', { ...json, host: `evil.example:${gateway.port}` })).toBe(403);
    expect(await send(gateway.port, '/sandbox/admin/faults', { ...json, origin: 'http://evil.example' })).toBe(403);
    expect(await send(gateway.port, '/sandbox/customer/pay', { ...json, 'content-type': 'application/x-www-form-urlencoded' }, 'paymentRequestId=x')).toBe(415);
    expect(await send(gateway.port, '/sandbox/admin/resolve', { ...json, origin: `http://127.0.0.1:${gateway.port}` })).toBe(200);
  });
});
