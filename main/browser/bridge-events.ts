import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import {
  BRIDGE_EVENTS_PATH,
  BRIDGE_UNAUTHORIZED_CLOSE,
  type BridgeSocketMessage,
  type ContractEventSource,
  type WindowRole,
  eventReaches,
} from '../../src/api/index.js';
import type { BridgeTokens } from './launch-token.js';
import { isAllowedHost, isAllowedOrigin } from './request-guards.js';

const refuseUpgrade = (socket: Duplex, status: string): void => {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
};

/**
 * Contract events over one WebSocket per page at `/events`. A socket hears
 * nothing until it shows the token: `?token=` on the URL or, preferably, a
 * first message `{"type":"auth","token":"..."}`.
 */
export function attachEventSocket(
  server: Server,
  {
    port,
    tokens,
    events,
    authDeadlineMs,
  }: { port: number; tokens: BridgeTokens; events: ContractEventSource; authDeadlineMs: number },
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  // Each admitted socket with the role its token granted: a display socket hears display events only.
  const authenticated = new Map<WebSocket, WindowRole>();

  const admit = (ws: WebSocket, role: WindowRole): void => {
    authenticated.set(ws, role);
    ws.send(JSON.stringify({ type: 'ready' } satisfies BridgeSocketMessage));
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset during the handshake must not crash the till either.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://bridge');
    if (url.pathname !== BRIDGE_EVENTS_PATH) return refuseUpgrade(socket, '404 Not Found');
    if (!isAllowedHost(req, port) || !isAllowedOrigin(req, port))
      return refuseUpgrade(socket, '403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => {
      // ws emits 'error' for an oversize, unmasked or bad-opcode frame; with no
      // listener that is an uncaught exception that kills the till. Drop the socket.
      ws.on('error', () => {
        authenticated.delete(ws);
        ws.terminate();
      });
      ws.on('close', () => authenticated.delete(ws));
      const urlRole = tokens.roleOf(url.searchParams.get('token'));
      if (urlRole) return admit(ws, urlRole);
      const deadline = setTimeout(
        () => ws.close(BRIDGE_UNAUTHORIZED_CLOSE, 'token required'),
        authDeadlineMs,
      );
      ws.once('message', (data) => {
        clearTimeout(deadline);
        let message: Partial<BridgeSocketMessage> = {};
        try {
          message = JSON.parse(String(data)) as Partial<BridgeSocketMessage>;
        } catch {
          // fall through: not an auth message
        }
        const role = message.type === 'auth' ? tokens.roleOf(message.token) : undefined;
        if (role) admit(ws, role);
        else ws.close(BRIDGE_UNAUTHORIZED_CLOSE, 'token required');
      });
    });
  });

  const unsubscribe = events.subscribe((event, payload) => {
    const frame = JSON.stringify({ type: 'event', event, payload } satisfies BridgeSocketMessage);
    for (const [ws, role] of authenticated)
      if (ws.readyState === WebSocket.OPEN && eventReaches(role, event)) ws.send(frame);
  });

  return {
    close() {
      unsubscribe();
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
