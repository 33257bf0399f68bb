import { z } from 'zod';

/**
 * The store-server protocol (docs/store-openapi.yaml): zod schemas shared by
 * the till's client (src/store) and the server (server/), as src/relay's are
 * with the sandbox. Requests are signed exactly as relay requests are
 * (src/relay/signing.ts, docs/relay-protocol.md "Signing").
 */

export const STORE_PATHS = {
  register: '/v1/tills/register',
  journal: '/v1/journal',
  head: '/v1/head',
  closeout: '/v1/closeout',
} as const;

/** Every answer carries one: `S` done, `F` refused (the code says why). */
export const storeResultSchema = z.object({
  status: z.enum(['S', 'F']),
  code: z.string(),
  message: z.string(),
});
export type StoreResult = z.infer<typeof storeResultSchema>;

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/** The newest record of a till's chain that the server holds (seq 0: none yet, genesis hash). */
export const chainHeadSchema = z.object({ seq: z.number().int().min(0), hash: hashSchema });
export type ChainHead = z.infer<typeof chainHeadSchema>;

/** A till id: what X-Terminal-Id carries. */
export const tillIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

export const registerRequestSchema = z.object({
  tillId: tillIdSchema,
  /** base64 SPKI DER Ed25519; the request is signed by this very key. */
  publicKey: z.string().min(40).max(200),
  enrollmentCode: z.string().min(4).max(128),
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;
export const registerResponseSchema = z.object({
  result: storeResultSchema,
  storeId: z.string().optional(),
  head: chainHeadSchema.optional(),
  /** The server's Ed25519 public key (SPKI DER, base64): the till pins it and believes only answers it signs. */
  serverKey: z.string().min(40).max(200).optional(),
});
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

/**
 * One journal row as the till holds it: everything its hash covers, so the
 * server recomputes the hash with the ledger's own definition.
 */
export const storeRecordSchema = z.object({
  recordId: z.string().uuid(),
  seq: z.number().int().positive(),
  kind: z.string().min(1).max(64),
  aggregateId: z.string().max(200),
  at: z.number().int().nonnegative(),
  body: z.record(z.string(), z.unknown()),
  prevHash: hashSchema,
  hash: hashSchema,
});
export type StoreRecord = z.infer<typeof storeRecordSchema>;

export const journalRequestSchema = z.object({ records: z.array(storeRecordSchema).min(1).max(500) });
export type JournalRequest = z.infer<typeof journalRequestSchema>;

/**
 * ACCEPTED: stored now. DUPLICATE: stored before, same content. DEFERRED: a
 * record before it is missing (a reordered or partial batch): send again from
 * the head. REJECTED: it does not continue the chain (code CHAIN_BROKEN) or an
 * id seen before came with other content (ALTERED); the server keeps the break.
 */
export const storeAckSchema = z.object({
  recordId: z.string().uuid(),
  seq: z.number().int().positive(),
  status: z.enum(['ACCEPTED', 'DUPLICATE', 'DEFERRED', 'REJECTED']),
  code: z.string().optional(),
  message: z.string().optional(),
});
export type StoreAck = z.infer<typeof storeAckSchema>;

export const journalResponseSchema = z.object({
  result: storeResultSchema,
  head: chainHeadSchema.optional(),
  acks: z.array(storeAckSchema).default([]),
});
export type JournalResponse = z.infer<typeof journalResponseSchema>;

export const headResponseSchema = z.object({ result: storeResultSchema, head: chainHeadSchema.optional() });
export type HeadResponse = z.infer<typeof headResponseSchema>;

/** Asks for the store's close-out (마감정산) of one business day; any till of the store may. */
export const closeoutRequestSchema = z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type CloseoutRequest = z.infer<typeof closeoutRequestSchema>;
