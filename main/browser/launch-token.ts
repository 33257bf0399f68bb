import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

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
