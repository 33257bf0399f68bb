import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WindowRole } from '../../src/api/index.js';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/**
 * The browser bridge's per-launch secret. Any local page can reach
 * 127.0.0.1; only the page we opened knows this token. Candidates are
 * compared as SHA-256 digests with `timingSafeEqual`, so neither the content
 * nor the length of the token leaks through timing.
 */
export class LaunchToken {
  readonly value: string;
  private readonly digest: Buffer;

  constructor(value: string = randomBytes(32).toString('base64url')) {
    if (value.length < 16) throw new Error('a launch token needs at least 16 characters');
    this.value = value;
    this.digest = digest(value);
  }

  matches(candidate: unknown): boolean {
    return typeof candidate === 'string' && timingSafeEqual(digest(candidate), this.digest);
  }
}

/**
 * The bridge's two secrets and the role each grants: the cashier page's
 * launch token, and the customer display's own token, which only reaches
 * display-role methods and events (issue 14 point 3: the display URL once
 * carried full cashier rights, marking an offline QR paid included).
 */
export class BridgeTokens {
  constructor(
    readonly cashier: LaunchToken = new LaunchToken(),
    readonly display: LaunchToken = new LaunchToken(),
  ) {}

  /** The role a presented token grants, or undefined for none. */
  roleOf(candidate: unknown): WindowRole | undefined {
    if (this.cashier.matches(candidate)) return 'cashier';
    if (this.display.matches(candidate)) return 'display';
    return undefined;
  }
}
