import { type KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';

/**
 * The till's Ed25519 key pair: the private key never leaves the machine and
 * signs every relay request; the public key is registered with the gateway.
 */

/** Raised when the key file is missing, unreadable, of the wrong type or readable by others. */
export class TerminalKeyError extends Error {}

/** A fresh Ed25519 private key (its public half is derived with createPublicKey). */
export function generateTerminalKey(): KeyObject {
  return generateKeyPairSync('ed25519').privateKey;
}

/**
 * Writes the private key as PKCS#8 PEM readable by the owner only (0600).
 * chmod runs after the write too because `mode` only applies when the file
 * is created, and an existing file may have looser permissions.
 */
export function saveTerminalKey(path: string, key: KeyObject): void {
  if (key.type !== 'private')
    throw new TerminalKeyError('only a private key is saved; the public key is derived from it');
  const pem = key.export({ type: 'pkcs8', format: 'pem' });
  writeFileSync(path, pem, { mode: 0o600 });
  chmodSync(path, 0o600);
}

/**
 * Loads the private key saved by saveTerminalKey. On POSIX systems a file
 * that group or others can read is refused, as ssh does: a leaked key lets
 * anyone take payments in the shop's name.
 */
export function loadTerminalKey(path: string): KeyObject {
  let pem: string;
  try {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      throw new TerminalKeyError(`${path}: permissions too open; run chmod 600 ${path}`);
    }
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof TerminalKeyError) throw error;
    throw new TerminalKeyError(
      `${path}: cannot read the terminal key (${(error as Error).message})`,
    );
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new TerminalKeyError(`${path}: not a PEM private key (${(error as Error).message})`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TerminalKeyError(
      `${path}: expected an Ed25519 key, got ${key.asymmetricKeyType ?? 'unknown'}`,
    );
  }
  return key;
}
