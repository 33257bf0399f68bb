import { type AddressInfo, type Server, type Socket, createServer, connect } from 'node:net';

/** A loopback network cable between the till and the gateway that a crash flow can pull out and plug back. */
export interface Cable {
  /** The address the till talks to (the gateway's, through the cable). */
  url: string;
  unplug(): void;
  plug(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay on loopback in front of the sandbox gateway. Unplugged, it
 * resets every open connection (the event stream too) and every new one, so
 * the till goes offline the way it does when the shop's line drops: real
 * refused connections, not a stubbed client.
 */
export async function openCable(target: string): Promise<Cable> {
  const { hostname, port } = new URL(target);
  let plugged = true;
  const open = new Set<Socket>();
  const server: Server = createServer((inbound) => {
    if (!plugged) return void inbound.resetAndDestroy();
    const outbound = connect(Number(port), hostname);
    for (const s of [inbound, outbound]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => undefined);
    }
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    unplug: () => {
      plugged = false;
      for (const s of open) s.resetAndDestroy();
    },
    plug: () => {
      plugged = true;
    },
    close: () => {
      for (const s of open) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
