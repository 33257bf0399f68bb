import { type KeyObject, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { publicKeyFromBase64, publicKeyToBase64 } from './signing.js';

/**
 * The gateway's public key as the till pins it (docs/relay-protocol.md,
 * "Key pinning and rotation"). The key is learnt once, from the signed answer
 * to registration, and replaced only by a rotation message signed by the key
 * pinned now: a gateway that merely *claims* a new key is not believed.
 */

/** Where the pinned key lives (a file in the data folder, or memory in tests and training). */
export interface GatewayKeyPin {
  /** The pinned key, or undefined before registration. */
  current(): KeyObject | undefined;
  /** Pins `key` (registration or a verified rotation). */
  pin(key: KeyObject): void;
}

/** A pin held in memory, optionally starting with `key`. */
export function memoryPin(key?: KeyObject): GatewayKeyPin {
  let pinned = key;
  return {
    current: () => pinned,
    pin: (next) => {
      pinned = next;
    },
  };
}

/** One rotation: the previous key signs the next one. Keys are base64 SPKI DER. */
export const keyRotationSchema = z.object({
  previousKey: z.string().min(40).max(200),
  nextKey: z.string().min(40).max(200),
  at: z.string().datetime(),
  signature: z.string().min(1).max(200),
});
export type KeyRotation = z.infer<typeof keyRotationSchema>;

function rotationString(previousKey: string, nextKey: string, at: string): string {
  return ['ROTATE', previousKey, nextKey, at].join('\n');
}

/** Builds the rotation message from `previous` (private) to `next`, signed by `previous`. */
export function signKeyRotation(previous: KeyObject, next: KeyObject, at: Date): KeyRotation {
  const previousKey = publicKeyToBase64(previous);
  const nextKey = publicKeyToBase64(next);
  const when = at.toISOString();
  const signature = sign(null, Buffer.from(rotationString(previousKey, nextKey, when)), previous);
  return { previousKey, nextKey, at: when, signature: signature.toString('base64') };
}

/**
 * Follows `rotations` from `pinned` and returns the key they lead to, or
 * throws naming the first link that does not verify. Links that do not start
 * from the key reached so far are skipped (the gateway sends its whole
 * history; an old till may be several rotations behind).
 */
export function followRotations(pinned: KeyObject, rotations: readonly KeyRotation[]): KeyObject {
  let current = publicKeyToBase64(pinned);
  let key = pinned;
  for (const rotation of rotations) {
    if (rotation.previousKey !== current) continue;
    const signature = Buffer.from(rotation.signature, 'base64');
    const text = Buffer.from(rotationString(rotation.previousKey, rotation.nextKey, rotation.at));
    let valid = false;
    try {
      valid = signature.length === 64 && verify(null, text, key, signature);
    } catch {
      valid = false;
    }
    if (!valid) throw new Error(`key rotation of ${rotation.at} is not signed by the pinned key`);
    key = publicKeyFromBase64(rotation.nextKey);
    current = rotation.nextKey;
  }
  return key;
}
