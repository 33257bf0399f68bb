import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import type { Logger } from '../platform/logger.js';
import { SalesSuspendedError } from './errors.js';
import type { PaymentEvents } from './events.js';

/** Whether an error is SQLite (or the file system) saying the disk is full. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

/**
 * A small file of zeros kept beside the journal. When a write of the sale in
 * hand fails because the disk is full, the reserve is deleted and the write
 * retried, so that sale still commits; from then on new sales are refused
 * with a clear alert until space is made and the reserve can be laid again.
 * Without it the till would fail mid-payment, the worst possible moment.
 */
export class DiskReserve {
  private suspended = false;

  constructor(
    private readonly deps: { path: string; sizeBytes: number; events: PaymentEvents; logger: Logger },
  ) {}

  /** Lays the reserve file; returns whether it is in place (false: the disk is still full). */
  arm(): boolean {
    const { path, sizeBytes } = this.deps;
    try {
      const fd = openSync(path, 'w');
      try {
        const chunk = Buffer.alloc(Math.min(sizeBytes, 1 << 20));
        for (let written = 0; written < sizeBytes; ) written += writeSync(fd, chunk, 0, Math.min(chunk.length, sizeBytes - written));
      } finally {
        closeSync(fd);
      }
      this.suspended = false;
      return true;
    } catch (error) {
      rmSync(path, { force: true });
      if (!isDiskFull(error)) throw error;
      this.suspend();
      return false;
    }
  }

  /**
   * Throws SalesSuspendedError while the reserve is spent. Each refusal first
   * tries to lay the reserve again, so selling resumes by itself once the
   * owner has made space.
   */
  assertSalesAllowed(): void {
    if (this.suspended && !this.arm()) {
      throw new SalesSuspendedError('disk-full', 'The disk is full: no new sales until space is made. Call support.');
    }
  }

  /** Whether new sales are refused. */
  get salesSuspended(): boolean {
    return this.suspended;
  }

  /**
   * Runs a journal write; if it fails for lack of space, frees the reserve
   * and runs it once more (the failed transaction rolled back, so the retry
   * is safe). A full disk with no reserve left is thrown as it is.
   */
  guard<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      if (!isDiskFull(error) || this.suspended) throw error;
      rmSync(this.deps.path, { force: true });
      this.suspend();
      return write();
    }
  }

  private suspend(): void {
    if (this.suspended) return;
    this.suspended = true;
    this.deps.logger.error({ path: this.deps.path }, 'disk full: reserve released, new sales refused');
    this.deps.events.emit('alert', {
      code: 'disk-full',
      message: 'The disk is full. The sale in hand was saved; new sales are refused until space is made.',
    });
  }
}
