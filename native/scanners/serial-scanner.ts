import { z } from 'zod';
import { ScannerBase, aimIdSchema } from '../../src/devices/scanner.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { reconnectPolicySchema } from './reconnect-policy.js';
import { ScanFramer } from './scan-framer.js';
import type { FramerOutput, Terminator } from './scan-framer.js';
import { SerialLink, serialSettingsSchema } from './serial-link.js';

/**
 * Configuration of a serial or USB-CDC scanner. `terminator` is the suffix the
 * scanner is expected to send; frames end at whatever line end it really sends
 * (a mismatch is reported on the first scan), or after `idleTimeoutMs` of
 * silence (an inter-byte timeout) for scanners sending none.
 */
export const serialScannerConfigSchema = serialSettingsSchema.extend({
  deviceId: z.string().min(1),
  terminator: z.enum(['CR', 'LF', 'CRLF', 'none']).default('CR'),
  // A scanner sends a code back to back (about 1 ms a byte at 9600 baud); 100 ms of
  // silence means the code is over.
  idleTimeoutMs: z.number().int().positive().max(5000).default(100),
  /** The scanner is programmed to prefix each code with its AIM identifier (`]Q0...`). */
  aimPrefix: z.boolean().default(false),
  maxFrameBytes: z.number().int().positive().default(8192),
  reconnect: reconnectPolicySchema.prefault({}),
});

export type SerialScannerConfig = z.infer<typeof serialScannerConfigSchema>;

/**
 * A scanner on a serial port (RS-232, or USB in CDC/virtual COM mode).
 * Garbled input (wrong baud rate, parity, noise) becomes a `scan-error`
 * event; the driver keeps reading.
 */
export class SerialScanner extends ScannerBase {
  private readonly config: SerialScannerConfig;
  private readonly link: SerialLink;
  private readonly framer: ScanFramer;
  private idleTimer: NodeJS.Timeout | null = null;
  private suffixChecked = false;

  constructor(config: z.input<typeof serialScannerConfigSchema>, clock: Clock, logger: Logger) {
    const parsed = serialScannerConfigSchema.parse(config);
    super(parsed.deviceId, 'serial', 'serial-scanner', clock, logger);
    this.config = parsed;
    this.framer = new ScanFramer(parsed.maxFrameBytes);
    this.link = new SerialLink({
      deviceId: parsed.deviceId,
      kind: 'scanner',
      driver: 'serial-scanner',
      settings: parsed,
      reconnect: parsed.reconnect,
      clock,
      logger,
    });
    this.link.on('state', (s) => {
      // A frame cut by an unplug is incomplete: drop it rather than emit half a code.
      if (s.state !== 'connected') {
        this.clearIdleTimer();
        this.framer.discard();
      }
      this.setState(s.state, {
        ...(s.reason ? { reason: s.reason } : {}),
        ...(s.nextRetryAt ? { nextRetryAt: s.nextRetryAt } : {}),
      });
    });
    this.link.on('data', (chunk) => this.onData(chunk));
  }

  async start(): Promise<void> {
    await this.link.start();
  }

  async stop(): Promise<void> {
    this.clearIdleTimer();
    await this.link.stop();
  }

  private onData(chunk: Buffer): void {
    this.handle(this.framer.push(chunk));
    this.clearIdleTimer();
    if (this.framer.open) {
      this.idleTimer = setTimeout(() => {
        this.idleTimer = null;
        this.handle(this.framer.flush());
      }, this.config.idleTimeoutMs);
    }
  }

  private handle(outputs: FramerOutput[]): void {
    for (const out of outputs) {
      if (out.kind === 'overflow') {
        this.publishError(
          `no line end within ${this.config.maxFrameBytes} bytes (check the scanner's suffix setting)`,
          out.bytes,
        );
        continue;
      }
      if (out.kind === 'suffix') {
        this.checkSuffix(out.suffix);
        continue;
      }
      const { bytes, aimId } = this.splitAim(out.bytes);
      this.publishBytes(bytes, aimId);
    }
  }

  /** Tells the operator, once, on the first scan, when the scanner's suffix is not the setting. */
  private checkSuffix(seen: Terminator): void {
    if (this.suffixChecked) return;
    this.suffixChecked = true;
    const configured = this.config.terminator;
    if (seen === configured) return;
    const name = seen === 'none' ? 'no suffix' : seen;
    const reason = `the scanner ends codes with ${name}, the setting says ${configured}: reading ${seen === 'none' ? 'by the idle timeout' : seen}; change the setting`;
    this.logger.warn({ deviceId: this.deviceId, seen, configured }, 'scanner suffix mismatch');
    this.setState('connected', { reason });
  }

  private splitAim(frame: Buffer): { bytes: Buffer; aimId?: string } {
    if (!this.config.aimPrefix || frame.length < 3) return { bytes: frame };
    const candidate = frame.subarray(0, 3).toString('latin1');
    if (!aimIdSchema.safeParse(candidate).success) return { bytes: frame };
    return { bytes: frame.subarray(3), aimId: candidate };
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
