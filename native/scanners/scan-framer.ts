/** The suffix a serial scanner appends to each code (configured on the scanner). */
export type Terminator = 'CR' | 'LF' | 'CRLF' | 'none';

/**
 * One result of framing: a complete frame; the suffix the scanner was seen to
 * send (after the frame it ended, as soon as it is known); or bytes dropped
 * because no line end came.
 */
export type FramerOutput =
  | { kind: 'frame'; bytes: Buffer }
  | { kind: 'suffix'; suffix: Terminator }
  | { kind: 'overflow'; bytes: Buffer };

const CR = 0x0d;
const LF = 0x0a;

/**
 * Cuts a serial byte stream into scans, at whatever line end the scanner sends
 * (CR, LF or CR LF) or, for a scanner sending none, at `flush()` after the
 * line went idle. We do not trust the configured suffix: a CR scanner on a till
 * set to CRLF would otherwise never end a code, and the first diagnostic came
 * after 8 KiB (hundreds of lost scans; issue 16). Reporting which suffix was
 * seen lets the driver tell the operator on the first scan.
 *
 * We do not use serialport's ReadlineParser: it decodes to a string and
 * silently turns invalid bytes into U+FFFD, hiding a wrong baud rate; and its
 * DelimiterParser buffers without bound. This framer keeps bytes and caps a
 * frame at `maxFrameBytes`.
 */
export class ScanFramer {
  private pending: Buffer = Buffer.alloc(0);
  // A CR ended the last chunk: whether an LF follows decides CR or CRLF.
  private crHanging = false;

  constructor(private readonly maxFrameBytes: number) {}

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  /** Whether the framer holds anything a `flush()` would complete (bytes or an open CR). */
  get open(): boolean {
    return this.pending.length > 0 || this.crHanging;
  }

  /** Adds bytes from the port; returns the frames (and suffixes) they complete. */
  push(chunk: Uint8Array): FramerOutput[] {
    const out: FramerOutput[] = [];
    let bytes = Buffer.from(chunk);
    if (this.crHanging && bytes.length > 0) {
      this.crHanging = false;
      const crlf = bytes[0] === LF;
      out.push({ kind: 'suffix', suffix: crlf ? 'CRLF' : 'CR' });
      if (crlf) bytes = bytes.subarray(1);
    }
    this.pending = Buffer.concat([this.pending, bytes]);
    let from = 0;
    for (let i = 0; i < this.pending.length; i++) {
      const b = this.pending[i];
      if (b !== CR && b !== LF) continue;
      const frame = this.pending.subarray(from, i);
      let suffix: Terminator | null = b === LF ? 'LF' : null;
      if (b === CR) {
        if (i + 1 < this.pending.length) {
          suffix = this.pending[i + 1] === LF ? 'CRLF' : 'CR';
          if (suffix === 'CRLF') i++;
        } else this.crHanging = true;
      }
      from = i + 1;
      // An empty line is the tail of a suffix or noise, not a code.
      if (frame.length === 0) continue;
      // Copy: the frame must not keep the whole receive buffer alive.
      out.push({ kind: 'frame', bytes: Buffer.from(frame) });
      if (suffix) out.push({ kind: 'suffix', suffix });
    }
    this.pending = this.pending.subarray(from);
    if (this.pending.length > this.maxFrameBytes) {
      out.push({ kind: 'overflow', bytes: this.pending });
      this.pending = Buffer.alloc(0);
    }
    return out;
  }

  /** Ends the current frame: called after the line was idle for the inter-byte timeout. */
  flush(): FramerOutput[] {
    const out: FramerOutput[] = [];
    if (this.crHanging) out.push({ kind: 'suffix', suffix: 'CR' });
    this.crHanging = false;
    if (this.pending.length > 0) {
      out.push({ kind: 'frame', bytes: Buffer.from(this.pending) });
      out.push({ kind: 'suffix', suffix: 'none' });
    }
    this.pending = Buffer.alloc(0);
    return out;
  }

  /** Drops an unfinished frame (the device went away in the middle of a code). */
  discard(): void {
    this.pending = Buffer.alloc(0);
    this.crHanging = false;
  }
}
