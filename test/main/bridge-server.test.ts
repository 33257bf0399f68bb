import { spawn } from 'node:child_process';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContractError, createBridgeTransport, createContractClient } from '../../src/api/index.js';
import { BridgeBindError, startBridgeServer } from '../../main/browser/bridge-server.js';
import { useTempDir } from '../helpers/temp-dir.js';
import {
  nodeSocket,
  post,
  rawSocket,
  statusWithHost,
  until,
  useBridge,
} from './bridge-test-kit.js';

const start = useBridge();
const tempDir = useTempDir('pos-serve-');
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('browser bridge: HTTP', () => {
  it('refuses a call without the launch token (401) and answers one with it', async () => {
    const { bridge } = await start();
    const url = `${bridge.origin}/api/app.info`;
    const missing = await post(url, {});
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'launch token required' },
    });
    expect((await post(url, {}, bearer(`${bridge.token}x`))).status).toBe(401);
    expect((await post(url, {}, { authorization: bridge.token })).status).toBe(401);

    const answered = await post(url, {}, bearer(bridge.token));
    expect(answered).toEqual({
      status: 200,
      body: {
        ok: true,
        result: {
          name: 'Counter POS',
          version: '9.9.9',
          mode: 'training',
          terminalId: 'TRAINING-01',
          storeLinked: false,
        },
      },
    });
  });

  it('refuses foreign origins and host names even with the token', async () => {
    const { bridge } = await start();
    const url = `${bridge.origin}/api/app.info`;
    expect(
      (await post(url, {}, { ...bearer(bridge.token), origin: 'https://evil.example' })).status,
    ).toBe(403);
    expect((await post(url, {}, { ...bearer(bridge.token), origin: bridge.origin })).status).toBe(
      200,
    );
    expect(await statusWithHost(bridge.port, `evil.example:${bridge.port}`)).toBe(403);
    expect(await statusWithHost(bridge.port, `localhost:${bridge.port}`)).toBe(200);
  });

  it('answers bad calls with structured errors', async () => {
    const { bridge } = await start();
    const auth = bearer(bridge.token);
    const invalid = await post(
      `${bridge.origin}/api/settings.update`,
      { input: { language: 'fr' } },
      auth,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: 'invalid_input',
      issues: [expect.objectContaining({ path: 'language' })],
    });
    expect((await post(`${bridge.origin}/api/constructor`, {}, auth)).status).toBe(404);
    const notJson = await fetch(`${bridge.origin}/api/app.info`, {
      method: 'POST',
      headers: auth,
      body: '{}',
    });
    expect(notJson.status).toBe(415);
    const tooBig = await post(
      `${bridge.origin}/api/app.info`,
      { input: 'x'.repeat(2 << 20) },
      auth,
    );
    expect(tooBig.status).toBe(413);
  });

  it('serves the renderer build with a strict CSP and nothing outside it', async () => {
    const { bridge } = await start();
    const page = await fetch(`${bridge.origin}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>till</title>');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(
      `connect-src 'self' ws://127.0.0.1:${bridge.port} ws://localhost:${bridge.port}`,
    );
    expect(csp).not.toMatch(/unsafe|\*/);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    for (const path of ['/%2e%2e/secret.txt', '/..%2fsecret.txt', '/missing.js']) {
      expect((await fetch(`${bridge.origin}${path}`)).status, path).toBe(404);
    }
  });

  it('binds to 127.0.0.1 and nothing else', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toBeInstanceOf(BridgeBindError);
    await expect(startBridgeServer({ host: '::', port: 0 } as never)).rejects.toThrow(
      /127\.0\.0\.1 only/,
    );
    const { bridge } = await start();
    expect(bridge.origin).toBe(`http://127.0.0.1:${bridge.port}`);
    expect(bridge.url).toBe(`http://127.0.0.1:${bridge.port}/#token=${bridge.token}`);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal);
    if (external) {
      await expect(fetch(`http://${external.address}:${bridge.port}/`)).rejects.toThrow();
    }
  });
});

describe('browser bridge: events', () => {
  it('sends nothing to a socket until it shows the token', async () => {
    const { bridge, services } = await start({ authDeadlineMs: 200 });
    const events = `ws://127.0.0.1:${bridge.port}/events`;

    const silent = rawSocket(events);
    await silent.opened;
    services.status.update({ outboxDepth: 1 });
    expect(await silent.closed).toBe(4401);
    expect(silent.messages).toEqual([]);

    const wrong = rawSocket(events);
    await wrong.opened;
    wrong.ws.send(JSON.stringify({ type: 'auth', token: 'not-the-token-at-all' }));
    expect(await wrong.closed).toBe(4401);

    const foreign = rawSocket(`${events}?token=${bridge.token}`, {
      origin: 'https://evil.example',
    });
    expect((await foreign.errored).message).toMatch(/403/);

    const byQuery = rawSocket(`${events}?token=${bridge.token}`);
    const byMessage = rawSocket(events);
    await byMessage.opened;
    byMessage.ws.send(JSON.stringify({ type: 'auth', token: bridge.token }));
    await until(() => byQuery.messages.length > 0 && byMessage.messages.length > 0);
    services.status.update({ outboxDepth: 2 });
    for (const socket of [byQuery, byMessage]) {
      await until(() => socket.messages.length === 2);
      expect(socket.messages[0]).toEqual({ type: 'ready' });
      expect(socket.messages[1]).toMatchObject({
        type: 'event',
        event: 'status.changed',
        payload: { outboxDepth: 2 },
      });
      socket.ws.close();
    }
  });

  it('drives the contract client end to end', async () => {
    const { bridge } = await start();
    const transport = createBridgeTransport({
      origin: bridge.origin,
      token: bridge.token,
      fetch,
      openSocket: nodeSocket,
    });
    const client = createContractClient(transport);
    const heard: boolean[] = [];
    client.on('settings.changed', (settings) => heard.push(settings.mute));
    // The socket authenticates in the background: change settings until the event comes through.
    for (let attempt = 0; heard.length === 0 && attempt < 100; attempt++) {
      expect(await client['settings.update']({ mute: true })).toMatchObject({ mute: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(heard).toContain(true);
    expect(await client['settings.get']()).toMatchObject({ mute: true, language: 'ko' });
    transport.close();

    const stranger = createContractClient(
      createBridgeTransport({
        origin: bridge.origin,
        token: 'x'.repeat(43),
        fetch,
        openSocket: nodeSocket,
      }),
    );
    const refused = await stranger['app.info']().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ContractError);
    expect((refused as ContractError).code).toBe('unauthorized');
  });
});

describe('pos serve', () => {
  it('prints the 127.0.0.1 URL with the launch token and serves the till there', async () => {
    const bin = fileURLToPath(new URL('../../bin/pos.mjs', import.meta.url));
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', tempDir()], {
      env: { ...process.env, POS_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      await until(() => /open: \S+/.test(stdout) || child.exitCode !== null, 110_000);
      const url = /open: (http:\/\/127\.0\.0\.1:(\d+)\/#token=([\w-]+))/.exec(stdout);
      expect(url, stdout + stderr).not.toBeNull();
      const [, , port, token] = url!;
      expect(stdout).toContain(`launch token: ${token}`);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      expect((await post(`http://127.0.0.1:${port}/api/app.status`, {})).status).toBe(401);
      expect(
        (await post(`http://127.0.0.1:${port}/api/app.status`, {}, bearer(token!))).body.ok,
      ).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 120_000); // a first run after a source change rebuilds the CLI and the screens
});
