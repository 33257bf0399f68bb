import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { GatewayKeyPin } from './gateway-key.js';
import { publicKeyFromBase64, publicKeyToBase64 } from './signing.js';

const pinFileSchema = z.object({ publicKey: z.string().min(40).max(200) });

/** The file that pins a till's gateway key: `gateway-key.json` beside the terminal key. */
export const GATEWAY_KEY_FILE = 'gateway-key.json';

/**
 * A pin kept in a JSON file (0600), written at registration and on a
 * verified rotation. A missing file is an empty pin; an unreadable or
 * malformed one throws, because silently forgetting the pin would let the
 * next registration answer choose the key.
 */
export function fileGatewayPin(path: string): GatewayKeyPin {
  return {
    current: () => {
      if (!existsSync(path)) return undefined;
      const parsed = pinFileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (!parsed.success) throw new Error(`${path}: not a pinned gateway key`);
      return publicKeyFromBase64(parsed.data.publicKey);
    },
    pin: (key) => {
      writeFileSync(path, `${JSON.stringify({ publicKey: publicKeyToBase64(key) })}\n`, { mode: 0o600 });
      chmodSync(path, 0o600);
    },
  };
}
