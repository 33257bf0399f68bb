/** The suffix a serial scanner appends to each code (configured on the scanner). */
export type Terminator = 'CR' | 'LF' | 'CRLF' | 'none';

/** One result of framing: a complete frame, or bytes dropped because no suffix came. */
export type FramerOutput = { kind: 'frame'; bytes: Buffer } | { kind: 'overflow'; bytes: Buffer };

const CR = 0x0d;
const LF = 0x0a;
const TERMINATORS: Record<Exclude<Terminator, 'none'>, Buffer> = {
  CR: Buffer.from([CR]),
  LF: Buffer.from([LF]),
  CRLF: Buffer.from([CR, LF]),
};

function trimLineEnds(bytes: Buffer): Buffer {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === CR || bytes[start] === LF)) start++;
  while (end > start && (bytes[end - 1] === CR || bytes[end - 1] === LF)) end--;
  return bytes.subarray(start, end);
}

/**
 * Cuts a serial byte stream into scans. We do not use serialport's
 * ReadlineParser: it decodes to a string and silently turns invalid bytes into
 * U+FFFD, hiding a wrong baud rate; and its DelimiterParser buffers without
 * bound when a scanner sends no suffix. This framer keeps bytes, caps a frame
 * at `maxFrameBytes`, and trims stray CR/LF so a scanner sending CR LF still
 * works when configured for CR (or the reverse).
 */
export class ScanFramer {
  private pending: Buffer = Buffer.alloc(0);
  private readonly terminator: Buffer | null;

  constructor(
    terminator: Terminator,
    private readonly maxFrameBytes: number,
  ) {
    this.terminator = terminator === 'none' ? null : TERMINATORS[terminator];
  }

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.pending.length;
  }

  /** Adds bytes from the port; returns the frames they complete. */
  push(chunk: Uint8Array): FramerOutput[] {
    this.pending = Buffer.concat([this.pending, chunk]);
    const out: FramerOutput[] = [];
    if (this.terminator) {
      let at = this.pending.indexOf(this.terminator);
      while (at >= 0) {
        this.emitFrame(this.pending.subarray(0, at), out);
        this.pending = this.pending.subarray(at + this.terminator.length);
        at = this.pending.indexOf(this.terminator);
      }
    }
    if (this.pending.length > this.maxFrameBytes) {
      out.push({ kind: 'overflow', bytes: this.pending });
      this.pending = Buffer.alloc(0);
    }
    return out;
  }

  /** Ends the current frame: called after the line was idle for the inter-byte timeout. */
  flush(): FramerOutput[] {
    const out: FramerOutput[] = [];
    this.emitFrame(this.pending, out);
    this.pending = Buffer.alloc(0);
    return out;
  }

  /** Drops an unfinished frame (the device went away in the middle of a code). */
  discard(): void {
    this.pending = Buffer.alloc(0);
  }

  private emitFrame(bytes: Buffer, out: FramerOutput[]): void {
    const frame = trimLineEnds(bytes);
    // Copy: the frame must not keep the whole receive buffer alive.
    if (frame.length > 0) out.push({ kind: 'frame', bytes: Buffer.from(frame) });
  }
}
