import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type GatewayKeyPin } from '../../src/relay/gateway-key.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../../src/relay/gateway-key-file.js';
import { publicKeyToBase64 } from '../../src/relay/signing.js';
import { generateTerminalKey, loadTerminalKey, saveTerminalKey } from '../../src/relay/terminal-key.js';

/** Where the till keeps its Ed25519 key (the same default as `pos relay keygen`). */
export function terminalKeyPath(dataDir: string): string {
  return join(dataDir, 'terminal-key.pem');
}

/** The till's pinned gateway key, `gateway-key.json` beside its terminal key (written at registration). */
export function gatewayPinOf(dataDir: string): GatewayKeyPin {
  return fileGatewayPin(join(dataDir, GATEWAY_KEY_FILE));
}

/**
 * The till's signing key, created (0600) on first start. Training signs its
 * sandbox requests with it too, so registering with a real gateway later
 * needs no new key.
 */
export function loadOrCreateTerminalKey(dataDir: string): { key: KeyObject; publicKey: string } {
  const path = terminalKeyPath(dataDir);
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    saveTerminalKey(path, generateTerminalKey());
  }
  const key = loadTerminalKey(path);
  return { key, publicKey: publicKeyToBase64(key) };
}
