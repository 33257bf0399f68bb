import { type Server, type Socket, createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../../native/printer/transports/tcp-transport.js';
import { TransportError } from '../../../../native/printer/transports/transport.js';
import { settle, waitUntil } from '../../../helpers/wait.js';

const servers: Server[] = [];
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const socket of sockets) socket.destroy();
  sockets.clear();
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

async function listen(onSocket: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    sockets.add(socket);
    onSocket(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}

describe('TCP 9100 transport', () => {
  it('finishes a write only when the printer has taken the data, waiting while it stops reading', async () => {
    let received = 0;
    let printerSocket: Socket | undefined;
    const port = await listen((socket) => {
      printerSocket = socket;
      socket.pause(); // a printer busy printing: it stops reading
      socket.on('data', (chunk) => (received += chunk.length));
    });
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    await transport.open();
    const size = 32 * 1024 * 1024;
    let done = false;
    const writing = transport.write(new Uint8Array(size)).then(() => (done = true));
    await settle(300);
    expect(done).toBe(false);
    printerSocket!.resume();
    await writing;
    await waitUntil(() => received === size, 'every byte at the printer');
    printerSocket!.destroy();
    await transport.close();
  });

  it('rejects with a TransportError when the printer refuses, drops the link or does not answer', async () => {
    const closedPort = await listen(() => undefined);
    await new Promise((resolve) => servers.pop()!.close(resolve));
    await expect(new TcpTransport({ host: '127.0.0.1', port: closedPort }).open()).rejects.toThrow(
      TransportError,
    );

    const silentPort = await listen(() => undefined);
    const silent = new TcpTransport({ host: '127.0.0.1', port: silentPort });
    await silent.open();
    await expect(silent.request(Uint8Array.of(0x10, 0x04, 1), 1, 100)).rejects.toThrow(
      /no answer within 100 ms/,
    );
    await silent.close();

    const droppingPort = await listen((socket) => socket.on('data', () => socket.destroy()));
    const dropping = new TcpTransport({ host: '127.0.0.1', port: droppingPort });
    await dropping.open();
    await expect(dropping.request(Uint8Array.of(0x10, 0x04, 1), 1, 2000)).rejects.toThrow(
      TransportError,
    );
    expect(dropping.isOpen).toBe(false);
  });
});
