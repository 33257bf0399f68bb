import { z } from 'zod';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { DeviceEvents, deviceStatus } from './device-status.js';
import type { ConnectionState, DeviceStatus, DeviceStatusBoard } from './device-status.js';

/** How a code reached us. */
export type ScanSource = 'serial' | 'hid' | 'keyboard-wedge' | 'virtual';

/** One decoded code, whatever the scanner. Payment codes in `code` are secrets: mask before logging. */
export interface ScanEvent {
  source: ScanSource;
  deviceId: string;
  code: string;
  /** AIM symbology identifier (ISO/IEC 15424) such as `]Q0`, when the scanner sent one. */
  symbology?: string;
  /** A readable name for `symbology`, e.g. 'QR Code'. */
  symbologyName?: string;
  /** Clock time of the scan. */
  at: number;
}

/** Bytes a scanner sent that are not a usable code (garbled, wrong baud rate, truncated report). */
export interface ScanErrorEvent {
  source: ScanSource;
  deviceId: string;
  reason: string;
  /** The first bytes received, hex, for the operator's diagnosis. */
  bytesHex: string;
  at: number;
}

/** The events every scanner emits. */
export interface ScannerEventMap extends Record<string, unknown> {
  scan: ScanEvent;
  'scan-error': ScanErrorEvent;
  state: DeviceStatus;
}

/** The port the core needs from a scanner. */
export interface Scanner {
  readonly deviceId: string;
  readonly source: ScanSource;
  /** Starts reading. Never rejects because the device is absent: `state` events report that. */
  start(): Promise<void>;
  /** Stops reading and releases the device. */
  stop(): Promise<void>;
  status(): DeviceStatus;
  on<E extends keyof ScannerEventMap>(
    event: E,
    listener: (arg: ScannerEventMap[E]) => void,
  ): () => void;
}

// AIM code characters (ISO/IEC 15424 and the scanner vendors' tables, e.g. Honeywell's
// "Transmit AIM Code ID Character"). The modifier (third character) refines options only.
const AIM_NAMES: Record<string, string> = {
  A: 'Code 39',
  C: 'Code 128',
  d: 'Data Matrix',
  E: 'EAN/UPC',
  e: 'GS1 DataBar',
  F: 'Codabar',
  G: 'Code 93',
  H: 'Code 11',
  I: 'Interleaved 2 of 5',
  L: 'PDF417',
  M: 'MSI',
  Q: 'QR Code',
  S: 'Standard 2 of 5',
  U: 'MaxiCode',
  X: 'Other',
  z: 'Aztec',
};

/** AIM identifiers are `]`, a code character and a modifier character. */
export const aimIdSchema = z.string().regex(/^\][A-Za-z][0-9A-Za-z]$/);

/** The readable name of an AIM symbology identifier, or undefined when unknown. */
export function symbologyName(aimId: string): string | undefined {
  return aimIdSchema.safeParse(aimId).success ? AIM_NAMES[aimId[1]!] : undefined;
}

// A QR code holds at most 7,089 characters (version 40, numeric); nothing longer is a scan.
const MAX_SCAN_CHARS = 7089;
// Control characters have no place in a code, except the GS1/ISO 15434 separators
// (EOT 04, GS 1D, RS 1E) that GS1 and parcel codes carry.
const ALLOWED_CONTROL = new Set([0x04, 0x1d, 0x1e]);

function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && !ALLOWED_CONTROL.has(c)) || c === 0x7f) return true;
  }
  return false;
}

/** What a scanned text must look like, after the suffix is removed. */
export const scanTextSchema = z
  .string()
  .min(1, 'empty scan')
  .max(MAX_SCAN_CHARS, `longer than ${MAX_SCAN_CHARS} characters`)
  .refine(
    (text) => !hasForbiddenControl(text),
    'contains control characters (wrong baud rate or framing?)',
  );

/** Thrown for bytes that are not valid UTF-8 text. */
export class ScanDecodeError extends Error {
  override readonly name = 'ScanDecodeError';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes scanner bytes as UTF-8, refusing invalid sequences instead of turning
 * them into U+FFFD: a wallet code with a replaced byte is a different code, and
 * garbled bytes usually mean the baud rate or parity is wrong.
 */
export function decodeScanBytes(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ScanDecodeError(
      'not valid UTF-8 (check the baud rate, parity and the scanner character set)',
    );
  }
}

/** Hex of the first bytes of a frame, for error reports. */
export function previewHex(bytes: Uint8Array, max = 32): string {
  const head = Buffer.from(bytes.subarray(0, max))
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
  return bytes.length > max ? `${head} …(${bytes.length} bytes)` : head;
}

/** What every scanner driver shares: identity, status, events, validation of what it read. */
export abstract class ScannerBase implements Scanner {
  protected readonly events: DeviceEvents<ScannerEventMap>;
  private current: DeviceStatus;

  constructor(
    readonly deviceId: string,
    readonly source: ScanSource,
    private readonly driver: string,
    protected readonly clock: Clock,
    protected readonly logger: Logger,
  ) {
    this.events = new DeviceEvents(logger);
    this.current = deviceStatus(clock, this.identity(), 'stopped');
  }

  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  status(): DeviceStatus {
    return this.current;
  }

  on<E extends keyof ScannerEventMap>(
    event: E,
    listener: (arg: ScannerEventMap[E]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  /** Records and announces a connection state. */
  protected setState(
    state: ConnectionState,
    extra: { reason?: string; nextRetryAt?: number } = {},
  ): void {
    this.current = deviceStatus(this.clock, this.identity(), state, extra);
    this.events.emit('state', this.current);
  }

  /**
   * Validates a decoded text and emits `scan`, or `scan-error` when it is not
   * a usable code. Returns whether it was a usable code.
   */
  protected publishText(text: string, aimId?: string, raw?: Uint8Array): boolean {
    const parsed = scanTextSchema.safeParse(text);
    if (!parsed.success) {
      this.publishError(
        parsed.error.issues[0]?.message ?? 'invalid scan',
        raw ?? Buffer.from(text),
      );
      return false;
    }
    const name = aimId === undefined ? undefined : symbologyName(aimId);
    this.events.emit('scan', {
      source: this.source,
      deviceId: this.deviceId,
      code: parsed.data,
      ...(aimId === undefined ? {} : { symbology: aimId }),
      ...(name === undefined ? {} : { symbologyName: name }),
      at: this.clock.now(),
    });
    return true;
  }

  /** Decodes raw bytes as UTF-8 and publishes them, reporting garbled input as `scan-error`. */
  protected publishBytes(bytes: Uint8Array, aimId?: string): boolean {
    let text: string;
    try {
      text = decodeScanBytes(bytes);
    } catch (err) {
      this.publishError((err as Error).message, bytes);
      return false;
    }
    return this.publishText(text, aimId, bytes);
  }

  /** Emits `scan-error` and logs it (without the bytes: they may be a payment code). */
  protected publishError(reason: string, bytes: Uint8Array): void {
    this.logger.warn({ deviceId: this.deviceId, reason, length: bytes.length }, 'unusable scan');
    this.events.emit('scan-error', {
      source: this.source,
      deviceId: this.deviceId,
      reason,
      bytesHex: previewHex(bytes),
      at: this.clock.now(),
    });
  }

  private identity(): Pick<DeviceStatus, 'deviceId' | 'kind' | 'driver'> {
    return { deviceId: this.deviceId, kind: 'scanner', driver: this.driver };
  }
}

/**
 * All the counter's scanners as one: the payment screen listens to the hub's
 * `scan` and does not care whether the code came from a serial, HID, wedge or
 * virtual scanner. States go to the device list (DeviceStatusBoard).
 */
export class ScannerHub {
  private readonly scanners = new Map<string, { scanner: Scanner; unsubscribe: () => void }>();
  private readonly events: DeviceEvents<ScannerEventMap>;

  constructor(
    private readonly board: DeviceStatusBoard,
    logger: Logger,
  ) {
    this.events = new DeviceEvents(logger);
  }

  /** Adds a scanner (not yet started). Device ids must be unique. */
  add(scanner: Scanner): void {
    if (this.scanners.has(scanner.deviceId))
      throw new Error(`scanner ${scanner.deviceId} is already in the hub`);
    const offs = [
      scanner.on('scan', (e) => this.events.emit('scan', e)),
      scanner.on('scan-error', (e) => this.events.emit('scan-error', e)),
      scanner.on('state', (s) => {
        this.board.update(s);
        this.events.emit('state', s);
      }),
    ];
    this.scanners.set(scanner.deviceId, {
      scanner,
      unsubscribe: () => offs.forEach((off) => off()),
    });
    this.board.update(scanner.status());
  }

  /** Stops and removes a scanner. */
  async remove(deviceId: string): Promise<void> {
    const entry = this.scanners.get(deviceId);
    if (!entry) return;
    await entry.scanner.stop();
    entry.unsubscribe();
    this.scanners.delete(deviceId);
    this.board.remove(deviceId);
  }

  /** Starts every scanner; an absent device only shows as disconnected. */
  async startAll(): Promise<void> {
    await Promise.all([...this.scanners.values()].map(({ scanner }) => scanner.start()));
  }

  /** Stops every scanner (on shutdown). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.scanners.values()].map(({ scanner }) => scanner.stop()));
  }

  /** The scanner with this id, e.g. the virtual one that the scan box feeds. */
  get(deviceId: string): Scanner | undefined {
    return this.scanners.get(deviceId)?.scanner;
  }

  /** The status of every scanner in the hub. */
  list(): DeviceStatus[] {
    return [...this.scanners.values()].map(({ scanner }) => scanner.status());
  }

  /** Subscribes to the scans, errors and states of every scanner. */
  on<E extends keyof ScannerEventMap>(
    event: E,
    listener: (arg: ScannerEventMap[E]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }
}
