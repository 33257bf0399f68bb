/**
 * An append-only byte buffer that grows by doubling. The encoder writes a
 * receipt's few kilobytes through it without allocating per command, which is
 * what keeps a 40-line receipt well under a millisecond.
 */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 4096) {
    this.buffer = new Uint8Array(initialCapacity);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** Appends bytes given as numbers (each 0-255). */
  bytes(...values: number[]): this {
    this.reserve(values.length);
    for (const value of values) this.buffer[this.length++] = value;
    return this;
  }

  /** Appends a byte array. */
  append(data: Uint8Array): this {
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
    return this;
  }

  /**
   * Appends a string one byte per UTF-16 unit (its low 8 bits): for command
   * letters and text already known to be ASCII or single-byte, never for
   * arbitrary text (the text codec decides how that is encoded).
   */
  latin1(text: string): this {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.buffer[this.length++] = text.charCodeAt(i) & 0xff;
    return this;
  }

  /** Bytes written so far. */
  get size(): number {
    return this.length;
  }

  /** A copy of everything written. */
  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
