import { type KeyObject, createPublicKey, sign, verify } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson } from '../ledger/index.js';
import { gatewayKeyId } from '../relay/answer-signing.js';
import { sha256Hex } from '../relay/signing.js';

/**
 * The terminal's signature on its Z (issue 14 point 5, "the Z report prints
 * the chain head signed by the terminal key"). Ed25519 by the till's own key
 * (the one its relay requests are signed with and the store server enrolled)
 * over
 *
 *   Z-REPORT \n terminal-id \n business-date \n head-seq \n head-hash \n sha256-hex(canonical Z body without the signature)
 *
 * so a Z whose figures, head or closer were changed after the close, or one
 * re-signed by any other key, is refused by `pos journal verify` and by the
 * store server, which checks it against the key it enrolled.
 */

/** What the signature sits in: the Z report's `chainHead`, beside the head it covers. */
export const signedHeadSchema = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string(),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.string().min(1).max(200),
});
export type SignedHead = z.infer<typeof signedHeadSchema>;

/** The fields of a stored Z body the signature is checked from; the rest is covered by its digest. */
const sealedBodySchema = z.object({
  report: z.object({
    terminalId: z.string(),
    businessDate: z.string(),
    chainHead: z.object({ seq: z.number(), hash: z.string(), keyId: z.string().optional(), signature: z.string().optional() }).nullable(),
  }),
});

/** Why a Z's signature is not believed. */
export type ZSealVerdict =
  | { ok: true; head: SignedHead }
  | { ok: false; reason: 'unsigned' | 'other-key' | 'forged'; message: string };

/** The body as signed: its chain head without the key id and signature (shallow copies: a Z is large). */
function withoutSignature(body: unknown): unknown {
  const sealed = body as { report?: { chainHead?: Record<string, unknown> | null } };
  const head = sealed.report?.chainHead;
  if (!head) return body;
  const { keyId: _keyId, signature: _signature, ...rest } = head;
  return { ...sealed, report: { ...sealed.report, chainHead: rest } };
}

function sealString(terminalId: string, businessDate: string, head: { seq: number; hash: string }, body: unknown): string {
  return ['Z-REPORT', terminalId, businessDate, String(head.seq), head.hash, sha256Hex(canonicalJson(withoutSignature(body)))].join('\n');
}

/**
 * Signs a Z body (the journal record's body, before it is appended) with the
 * terminal key and returns the body with its `report.chainHead` carrying the
 * key id and signature. A body without a chain head is returned unchanged.
 */
export function signZBody<T extends { report: { terminalId: string; businessDate: string; chainHead: { seq: number; hash: string } | null } }>(
  key: KeyObject,
  body: T,
): T {
  const head = body.report.chainHead;
  if (!head) return body;
  const signature = sign(null, Buffer.from(sealString(body.report.terminalId, body.report.businessDate, head, body)), key).toString('base64');
  return { ...body, report: { ...body.report, chainHead: { seq: head.seq, hash: head.hash, keyId: gatewayKeyId(key), signature } } };
}

/**
 * Checks a stored Z body (as parsed from its JSON, before any schema fills
 * defaults) against the terminal's public key: unsigned, signed by another
 * key, or not matching its own content are each refused with the reason.
 */
export function verifyZBody(body: unknown, terminalKey: KeyObject): ZSealVerdict {
  const publicKey = terminalKey.type === 'private' ? createPublicKey(terminalKey) : terminalKey;
  const parsed = sealedBodySchema.safeParse(body);
  const head = parsed.success ? parsed.data.report.chainHead : null;
  if (!parsed.success || !head?.signature || !head.keyId) return { ok: false, reason: 'unsigned', message: 'the Z carries no terminal signature' };
  const signed: SignedHead = { seq: head.seq, hash: head.hash, keyId: head.keyId, signature: head.signature };
  if (signed.keyId !== gatewayKeyId(publicKey))
    return { ok: false, reason: 'other-key', message: `the Z is signed by key ${signed.keyId}, not this terminal's ${gatewayKeyId(publicKey)} (re-signed)` };
  const bytes = Buffer.from(signed.signature, 'base64');
  let valid = false;
  try {
    valid = bytes.length === 64 && verify(null, Buffer.from(sealString(parsed.data.report.terminalId, parsed.data.report.businessDate, signed, body)), publicKey, bytes);
  } catch {
    valid = false;
  }
  return valid ? { ok: true, head: signed } : { ok: false, reason: 'forged', message: "the Z's signature does not match its content (changed after it was signed)" };
}
