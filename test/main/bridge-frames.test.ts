import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { post, useBridge } from './bridge-test-kit.js';

const start = useBridge();

/** Opens /events over a raw TCP socket with the token and resolves once the upgrade is answered. */
async function upgraded(port: number, token: string) {
  const socket = connect(port, '127.0.0.1');
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    [
      `GET /events?token=${token} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  await expect.poll(() => Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
  return { socket, closed };
}

/** A client frame: FIN + `opcode`, masked unless told otherwise, with a 64-bit length when asked. */
function frame(opcode: number, payload: Buffer, { masked = true, claimLength }: { masked?: boolean; claimLength?: number } = {}) {
  const length = claimLength ?? payload.length;
  const header =
    length < 126
      ? Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | length])
      : Buffer.concat([Buffer.from([0x80 | opcode, (masked ? 0x80 : 0) | 127]), (() => {
          const b = Buffer.alloc(8);
          b.writeBigUInt64BE(BigInt(length));
          return b;
        })()]);
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

describe('browser bridge: malformed WebSocket frames', () => {
  it.each([
    ['an oversize frame (1 MB claimed, limit 4 KB)', () => frame(0x1, Buffer.alloc(16), { claimLength: 1 << 20 })],
    ['an unmasked client frame', () => frame(0x1, Buffer.from('{"type":"auth"}'), { masked: false })],
    ['a reserved opcode (0x3)', () => frame(0x3, Buffer.from('x'))],
    ['a fragmented control frame', () => Buffer.from([0x09, 0x80, 1, 2, 3, 4])],
  ])('drops the socket on %s and keeps serving', async (_, bad) => {
    const { bridge } = await start();
    const { socket, closed } = await upgraded(bridge.port, bridge.token);
    socket.write(bad());
    await closed;
    const answer = await post(`${bridge.origin}/api/app.info`, {}, { authorization: `Bearer ${bridge.token}` });
    expect(answer.status).toBe(200);
  });
});
