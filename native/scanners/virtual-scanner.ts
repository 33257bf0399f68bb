import { ScannerBase } from '../../src/devices/scanner.js';
import type { ScanSource } from '../../src/devices/scanner.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';

/**
 * A scanner fed by software. In training mode it is the scan box where a
 * newcomer types or pastes a code (source 'virtual'); `compose` also uses one
 * with source 'keyboard-wedge' for the codes the renderer's wedge detector
 * recognises, so they reach the core through the same hub and validation.
 */
export class VirtualScanner extends ScannerBase {
  constructor(
    deviceId: string,
    clock: Clock,
    logger: Logger,
    source: Extract<ScanSource, 'virtual' | 'keyboard-wedge'> = 'virtual',
  ) {
    super(
      deviceId,
      source,
      source === 'virtual' ? 'virtual-scanner' : 'keyboard-wedge',
      clock,
      logger,
    );
  }

  async start(): Promise<void> {
    this.setState('connected');
  }

  async stop(): Promise<void> {
    this.setState('stopped');
  }

  /**
   * Submits a typed or pasted code. Surrounding whitespace and line ends from
   * a paste are removed; an invalid code becomes a `scan-error` event.
   * Returns whether the code was accepted.
   */
  submit(code: string, aimId?: string): boolean {
    if (this.status().state !== 'connected') return false;
    return this.publishText(code.trim(), aimId);
  }
}
