import { z } from 'zod';
import { pinSchema } from '../../payments/pin-policy.js';

/** The relay gateway this till talks to (live), or the embedded sandbox (training). */
export const gatewayInfoSchema = z.object({
  mode: z.enum(['training', 'live']),
  url: z.string().nullable(),
  terminalId: z.string(),
  /** The terminal's Ed25519 public key (base64), registered with the gateway. */
  publicKey: z.string().nullable(),
});
export type GatewayInfo = z.infer<typeof gatewayInfoSchema>;

/** Registers this till's key with a gateway and switches the next start to live mode. */
export const registerGatewaySchema = z.strictObject({
  ownerPin: pinSchema,
  url: z.url({ protocol: /^https?$/ }),
  terminalId: z.string().regex(/^[A-Za-z0-9-]{3,32}$/),
  enrollmentCode: z.string().trim().min(4).max(64),
});

export const registerGatewayResultSchema = z.object({
  registered: z.boolean(),
  /** The gateway's result code when it refused. */
  code: z.string().optional(),
  message: z.string().optional(),
  restartRequired: z.boolean(),
});
