import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  publicKeyFromBase64,
  publicKeyToBase64,
  sha256Hex,
  signRequest,
  stringToSign,
  timestampInWindow,
  verifySignature,
} from '../../src/relay/signing.js';
import {
  TerminalKeyError,
  generateTerminalKey,
  loadTerminalKey,
  saveTerminalKey,
} from '../../src/relay/terminal-key.js';
import { useTempDir } from '../helpers/temp-dir.js';

const key = generateTerminalKey();
const publicKey = publicKeyFromBase64(publicKeyToBase64(key));

function partsOf(
  headers: ReturnType<typeof signRequest>,
  method: string,
  pathWithQuery: string,
  body: string,
) {
  return {
    method,
    pathWithQuery,
    terminalId: headers['X-Terminal-Id'],
    timestamp: headers['X-Timestamp'],
    nonce: headers['X-Nonce'],
    body,
  };
}

describe('request signing', () => {
  it('signs METHOD, path, terminal id, timestamp, nonce and the body digest, one per line', () => {
    expect(
      stringToSign({
        method: 'post',
        pathWithQuery: '/v1/events?lastEventId=7',
        terminalId: 'till-01',
        timestamp: '1700000000000',
        nonce: 'ab',
        body: '',
      }),
    ).toBe(`POST\n/v1/events?lastEventId=7\ntill-01\n1700000000000\nab\n${sha256Hex('')}`);
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('produces headers with a 128-bit hex nonce and a verifiable 64-byte signature', () => {
    const headers = signRequest(
      key,
      'till-01',
      { method: 'POST', pathWithQuery: '/v1/payments/pay', body: '{}' },
      1_700_000_000_123,
    );
    expect(headers['X-Timestamp']).toBe('1700000000123');
    expect(headers['X-Nonce']).toMatch(/^[0-9a-f]{32}$/);
    expect(Buffer.from(headers['X-Signature'], 'base64')).toHaveLength(64);
    expect(
      verifySignature(
        publicKey,
        partsOf(headers, 'POST', '/v1/payments/pay', '{}'),
        headers['X-Signature'],
      ),
    ).toBe(true);
  });

  it('any change to a signed part breaks the signature (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.integer({ min: 0, max: 5 }),
        (body, change, which) => {
          const headers = signRequest(
            key,
            'till-01',
            { method: 'POST', pathWithQuery: '/v1/refunds', body },
            1_700_000_000_000,
          );
          const parts = partsOf(headers, 'POST', '/v1/refunds', body);
          const tampered = [
            { ...parts, method: 'PUT' },
            { ...parts, pathWithQuery: `${parts.pathWithQuery}${change}` },
            { ...parts, timestamp: `${parts.timestamp}1` },
            { ...parts, nonce: `${parts.nonce}${change}` },
            { ...parts, body: `${body}${change}` },
            { ...parts, terminalId: `${parts.terminalId}${change}` },
          ][which]!;
          return (
            verifySignature(publicKey, parts, headers['X-Signature']) &&
            !verifySignature(publicKey, tampered, headers['X-Signature'])
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects garbage signatures and keys of another type without throwing', () => {
    const parts = { method: 'GET', pathWithQuery: '/', terminalId: 't', timestamp: '1', nonce: 'n', body: '' };
    expect(verifySignature(publicKey, parts, 'not base64 at all')).toBe(false);
    expect(verifySignature(publicKey, parts, Buffer.alloc(64).toString('base64'))).toBe(false);
    expect(() => publicKeyFromBase64('MCowBQYDK2VuAyEA' + 'A'.repeat(43) + '=')).toThrow();
  });

  it('accepts timestamps within ±5 minutes only', () => {
    const now = 1_700_000_000_000;
    expect(timestampInWindow(String(now + 300_000), now)).toBe(true);
    expect(timestampInWindow(String(now - 300_000), now)).toBe(true);
    expect(timestampInWindow(String(now + 300_001), now)).toBe(false);
    expect(timestampInWindow(String(now - 300_001), now)).toBe(false);
    expect(timestampInWindow('12e3', now)).toBe(false);
  });
});

describe('terminal key storage', () => {
  const tempDir = useTempDir();

  it('saves the private key as PEM readable by the owner only, and loads it back', () => {
    const path = join(tempDir(), 'terminal-key.pem');
    saveTerminalKey(path, key);
    const loaded = loadTerminalKey(path);
    expect(publicKeyToBase64(loaded)).toBe(publicKeyToBase64(key));
  });

  it('refuses a key file others can read, and tightens an existing file on save', async () => {
    const { statSync } = await import('node:fs');
    const path = join(tempDir(), 'terminal-key.pem');
    saveTerminalKey(path, key);
    chmodSync(path, 0o644);
    expect(() => loadTerminalKey(path)).toThrow(/permissions too open/);
    saveTerminalKey(path, key);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a missing file, a non-key and a key of another algorithm', async () => {
    const dir = tempDir();
    expect(() => loadTerminalKey(join(dir, 'absent.pem'))).toThrow(TerminalKeyError);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello', { mode: 0o600 });
    expect(() => loadTerminalKey(junk)).toThrow(/not a PEM private key/);
    const { generateKeyPairSync } = await import('node:crypto');
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(
      rsa,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
        type: 'pkcs8',
        format: 'pem',
      }),
      { mode: 0o600 },
    );
    expect(() => loadTerminalKey(rsa)).toThrow(/expected an Ed25519 key/);
  });
});
