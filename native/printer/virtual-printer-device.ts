import { type DecodedElement, decodedText } from './decoder/decoded-receipt.js';
import { EscPosDecoder } from './decoder/escpos-decoder.js';
import { NvMemory } from './decoder/nv-memory.js';
import { type RealTimeStatus, statusByte } from './status.js';

/**
 * A receipt printer in software: it interprets the bytes of each connection,
 * answers real-time status requests the moment they arrive (as real printers
 * do), and keeps every receipt it "printed" (elements up to and including a
 * cut). A connection that drops mid-receipt leaves a torn partial receipt, as
 * paper would. Training mode shows `printed`; tests use the fault switches.
 */

export interface PrintedReceipt {
  elements: DecodedElement[];
  /** The receipt as text lines (see decodedText). */
  text: string[];
}

export interface VirtualPrinterOptions {
  /** Font A columns, for text: 42 for the korean-80 profile. */
  columns?: number;
  startsInDoubleByte?: boolean;
}

export class VirtualPrinterDevice {
  readonly printed: PrintedReceipt[] = [];
  /** Partial receipts of connections that dropped before the cut. */
  readonly torn: PrintedReceipt[] = [];
  /** Pins of every drawer kick received, inside receipts or on its own. */
  readonly drawerKicks: Array<2 | 5> = [];
  /** `ESC p` kicks received while offline: a real printer holds them in its buffer. */
  readonly heldKicks: Array<2 | 5> = [];
  readonly status: RealTimeStatus = {
    offline: false,
    coverOpen: false,
    paperEnd: false,
    paperNearEnd: false,
  };
  /** Logos stored in the printer's flash; they outlive connections (and count their writes). */
  readonly nv = new NvMemory();
  private readonly sessions = new Map<object, { decoder: EscPosDecoder; start: number }>();
  private readonly listeners = new Set<(receipt: PrintedReceipt) => void>();

  constructor(private readonly options: VirtualPrinterOptions = {}) {}

  /** Opens a session for one connection; pass the same key to `receive` and `disconnect`. */
  connect(session: object): void {
    this.sessions.set(session, {
      decoder: new EscPosDecoder({
        startsInDoubleByte: this.options.startsInDoubleByte ?? false,
        nvMemory: this.nv,
      }),
      start: 0,
    });
  }

  /** Bytes from the host; returns the bytes the printer answers (status replies). */
  receive(session: object, chunk: Uint8Array): Uint8Array {
    const state = this.sessions.get(session);
    if (!state) throw new Error('receive() before connect()');
    const before = state.decoder.elements.length;
    state.decoder.push(chunk);
    const replies: number[] = [];
    const elements = state.decoder.elements;
    for (let i = before; i < elements.length; i++) {
      const element = elements[i]!;
      if (element.kind === 'status-request')
        replies.push(statusByte(element.request, this.effectiveStatus()));
      if (element.kind === 'drawer') {
        // Only the real-time pulse acts while the printer is offline.
        if (element.realTime || !this.effectiveStatus().offline) this.drawerKicks.push(element.pin);
        else this.heldKicks.push(element.pin);
      }
      if (element.kind === 'cut') {
        this.complete(this.printed, elements.slice(state.start, i + 1));
        state.start = i + 1;
      }
    }
    return Uint8Array.from(replies);
  }

  /** The connection ended; whatever followed the last cut is a torn receipt. */
  disconnect(session: object): void {
    const state = this.sessions.get(session);
    this.sessions.delete(session);
    if (!state) return;
    const rest = state.decoder.elements.slice(state.start);
    const printedSomething = rest.some((e) => e.kind !== 'status-request' && e.kind !== 'drawer');
    if (printedSomething || state.decoder.pendingBytes > 0) this.complete(this.torn, rest);
  }

  /** Calls `listener` for every receipt printed from now on; returns the unsubscribe function. */
  onPrinted(listener: (receipt: PrintedReceipt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Printed receipts as text, for assertions. */
  printedTexts(): string[][] {
    return this.printed.map((r) => r.text);
  }

  private effectiveStatus(): RealTimeStatus {
    const s = this.status;
    return { ...s, offline: s.offline || s.coverOpen || s.paperEnd };
  }

  private complete(into: PrintedReceipt[], elements: DecodedElement[]): void {
    const content = elements.filter((e) => e.kind !== 'status-request');
    const receipt = {
      elements: content,
      text: decodedText({ elements: content, warnings: [] }, this.options.columns ?? 42),
    };
    into.push(receipt);
    if (into === this.printed) for (const listener of this.listeners) listener(receipt);
  }
}
