import { randomBytes, verify } from 'node:crypto';
import { publicKeyToBase64, rekeyStringToSign } from '../src/relay/signing.js';
import type { RequestAuthenticator } from './request-auth.js';
import type { SandboxState } from './sandbox-state.js';

/** What a registration presents, besides the key it registers. */
export interface EnrollmentProof {
  terminalId: string;
  publicKey: string;
  nonce: string;
  enrollmentCode?: string;
  currentKeySignature?: string;
}

/**
 * Who may (re-)register a terminal (docs/relay-protocol.md, "Registration").
 * A new terminal id needs the shop's enrollment code or a one-time code. A
 * registered one keeps its key unless the request proves the current key
 * (it is signed by it, or carries its signature of the re-key string) or
 * presents a one-time code issued for that very terminal, which is consumed:
 * one leaked shop code can no longer re-key a live till and lock it out.
 */
export class Enrollment {
  private readonly sql;

  constructor(
    private readonly state: SandboxState,
    private readonly auth: RequestAuthenticator,
  ) {
    const { db } = state;
    this.sql = {
      issue: db.prepare('INSERT INTO enrollment_codes (code, terminal_id, issued_at) VALUES (?, ?, ?)'),
      consume: db.prepare(
        'UPDATE enrollment_codes SET consumed_at = ? WHERE code = ? AND terminal_id = ? AND consumed_at IS NULL',
      ),
    };
  }

  /** A one-time code that registers or re-keys `terminalId` once (the relay provider's support desk). */
  issueOneTimeCode(terminalId: string): string {
    const code = `OT-${randomBytes(12).toString('hex')}`;
    this.sql.issue.run(code, terminalId, this.state.clock.now());
    return code;
  }

  /** True when `proof` may register its key for its terminal; consumes a one-time code it uses. */
  admits(proof: EnrollmentProof): boolean {
    const current = this.auth.registeredKey(proof.terminalId);
    if (!current) {
      if (proof.enrollmentCode === this.state.settings.enrollmentCode) return true;
      return this.consume(proof);
    }
    if (publicKeyToBase64(current) === proof.publicKey) return true;
    if (proof.currentKeySignature) {
      const signature = Buffer.from(proof.currentKeySignature, 'base64');
      const text = Buffer.from(rekeyStringToSign(proof.terminalId, proof.publicKey, proof.nonce));
      try {
        if (signature.length === 64 && verify(null, text, current, signature)) return true;
      } catch {
        // a malformed signature is no proof
      }
    }
    return this.consume(proof);
  }

  private consume(proof: EnrollmentProof): boolean {
    if (!proof.enrollmentCode) return false;
    return this.sql.consume.run(this.state.clock.now(), proof.enrollmentCode, proof.terminalId).changes === 1;
  }
}
