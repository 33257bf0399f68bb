import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { DeviceEvents, type DeviceStatus, deviceStatus } from '../../src/devices/device-status.js';
import { DrawerUnavailableError } from '../../src/devices/drawer.js';
import {
  type PrintJobEvent,
  type PrintJobResult,
  type PrinterStatus,
  type ReceiptPrinter,
  type ReceiptPrinterEventMap,
  UnknownPrintJobError,
  canPrint,
} from '../../src/devices/printer.js';
import type { ReceiptDocument } from '../../src/receipts/receipt-document.js';
import { EscPosCommands } from './escpos-commands.js';
import { type EscPosReceiptEncoder, type StoredLogos, nvLogoId } from './escpos-encoder.js';
import type { NvLogoStore } from './nv-logo-store.js';
import type { PrintJob, PrintQueue } from './print-queue.js';
import { STATUS_REQUESTS, parseRealTimeStatus, statusRequest, summarizeStatus } from './status.js';
import { NoAnswerError, type PrinterTransport } from './transports/transport.js';
import { WRITE_ONLY_ADVICE } from './transports/write-only-link.js';

export interface EscPosPrinterDeps {
  deviceId: string;
  transport: PrinterTransport;
  queue: PrintQueue;
  encoder: EscPosReceiptEncoder;
  clock: Clock;
  logger: Logger;
  /** Pause before trying again when the printer is off, open or out of paper. */
  retryDelayMs?: number;
  /** How long a DLE EOT answer may take. */
  statusTimeoutMs?: number;
  /** `print` resolves within this even if the printer is slow: the screen's spinner must end. */
  printWaitMs?: number;
  /** The profile's `realTimePulse`: the drawer can be opened with `DLE DC4 1` while offline. */
  realTimePulse?: boolean;
  /**
   * How long `status()`, the drawer and its sensor wait for a job in progress before answering
   * without the printer (a receipt can take seconds on a serial line, or be stuck).
   */
  busyBudgetMs?: number;
  /**
   * Where the till remembers which logo this printer holds in NV memory. With it (and a profile
   * with NV graphics) a logo is stored once and printed by key; without it, sent as raster.
   */
  nvLogos?: NvLogoStore;
}

/** How long the printer may take to answer after storing a logo in flash (Epson: seconds). */
const NV_STORE_TIMEOUT_MS = 15_000;

const STATUS_WORDS: Record<PrinterStatus, string> = {
  ready: 'ready',
  'paper-near-end': 'paper nearly out',
  'paper-out': 'out of paper',
  'cover-open': 'cover open',
  offline: 'printer offline',
};

/**
 * The receipt printer port over ESC/POS. Every job goes through the durable
 * queue; one worker sends jobs in order, checks real-time status before each
 * (where the link is two-way) and confirms after it with a status round trip,
 * which proves the printer received every byte. Only then is the job marked
 * printed. If the link drops mid-receipt the job stays pending and is sent
 * again, whole, when the printer is back; jobs behind it wait their turn.
 */
export class EscPosPrinter implements ReceiptPrinter {
  readonly deviceId: string;
  private readonly events: DeviceEvents<ReceiptPrinterEventMap>;
  private lock: Promise<unknown> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly waiters = new Map<string, (result: PrintJobResult) => void>();
  private lastStatus: PrinterStatus | undefined;
  private connection: DeviceStatus;
  private stopped = false;
  /** Aborts the write in progress on `stop()`: a printer that stopped taking data must not hold up shutdown. */
  private writes = new AbortController();

  constructor(private readonly deps: EscPosPrinterDeps) {
    this.deviceId = deps.deviceId;
    this.events = new DeviceEvents(deps.logger);
    this.connection = this.connectionStatus('stopped');
  }

  /** Starts the worker; jobs left pending by a previous run (power cut, crash) print now. */
  start(): void {
    this.stopped = false;
    if (this.writes.signal.aborted) this.writes = new AbortController();
    this.schedule(0);
  }

  /**
   * Stops the worker and closes the link. A job being written is cut off (its write aborted,
   * the job kept and marked to print as 재출력 next time), so this returns at once even when
   * the printer has stopped taking data (issue 16, defect 4).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.writes.abort();
    await this.lock;
    await this.deps.transport.close();
    this.setConnection('stopped');
  }

  async print(document: ReceiptDocument): Promise<PrintJobResult> {
    return this.submit(this.deps.queue.enqueue(this.deviceId, document));
  }

  async reprint(jobId: string): Promise<PrintJobResult> {
    const original = this.deps.queue.get(jobId);
    if (!original) throw new UnknownPrintJobError(jobId);
    return this.submit(
      this.deps.queue.enqueue(this.deviceId, original.document, { copy: true, reprintOf: jobId }),
    );
  }

  /**
   * Asks the printer, between jobs. While a job is still being written after `busyBudgetMs` it
   * answers the last status read instead of queueing behind it; a write that has stalled fails
   * after the link's write timeout, and the status then turns `offline`.
   */
  async status(): Promise<PrinterStatus> {
    return this.whenIdle(() => this.lastStatus ?? 'offline', async () => {
      try {
        await this.ensureOpen();
        return this.deps.transport.bidirectional
          ? await this.readStatus()
          : this.setStatus('ready');
      } catch (err) {
        await this.linkLost(err);
        return 'offline';
      }
    });
  }

  /**
   * Sends the drawer pulse between jobs (never inside one), for EscPosCashDrawer. An offline
   * printer (paper out, cover open) holds `ESC p` in its buffer and pops the drawer later, so
   * the drawer never says it opened then: the real-time pulse goes instead where the profile
   * has it, and otherwise the call fails with the printer's reason (issue 16).
   */
  async kickDrawer(pin: 2 | 5): Promise<void> {
    const busy = (): never => {
      throw new DrawerUnavailableError('cannot open the drawer: the printer is busy with a receipt it has not taken yet');
    };
    await this.whenIdle(busy, async () => {
      let refusal: PrinterStatus | undefined;
      try {
        await this.ensureOpen();
        const { transport } = this.deps;
        const status = transport.bidirectional ? await this.readStatus() : 'ready';
        const offline = status !== 'ready' && status !== 'paper-near-end';
        if (offline && !this.deps.realTimePulse) refusal = status;
        else {
          const commands = new EscPosCommands();
          await transport.write((offline ? commands.realTimePulse(pin) : commands.pulse(pin)).bytes(), {
            signal: this.writes.signal,
          });
          // As for receipts: only an answer proves the printer got the pulse.
          if (transport.bidirectional) await this.readStatus();
        }
      } catch (err) {
        await this.linkLost(err);
        throw new DrawerUnavailableError(`cannot open the drawer: ${(err as Error).message}`);
      }
      if (refusal !== undefined)
        throw new DrawerUnavailableError(`cannot open the drawer: the printer is ${STATUS_WORDS[refusal]}`);
    });
  }

  /** The drawer-open sensor (DLE EOT 1 bit 2, connector pin 3 high); undefined on a one-way link. */
  async drawerOpen(): Promise<boolean | undefined> {
    return this.whenIdle(() => undefined, async () => {
      if (!this.deps.transport.bidirectional) return undefined;
      try {
        await this.ensureOpen();
        const [byte] = await this.deps.transport.request(statusRequest(1), 1, this.deps.statusTimeoutMs ?? 1500);
        return parseRealTimeStatus(byte!, 0x12, 0x12).drawerOpen === true;
      } catch (err) {
        await this.linkLost(err);
        return undefined;
      }
    });
  }

  on<E extends keyof ReceiptPrinterEventMap>(
    event: E,
    listener: (arg: ReceiptPrinterEventMap[E]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  /** The connection row for the device list. */
  connectionState(): DeviceStatus {
    return this.connection;
  }

  private submit(job: PrintJob): Promise<PrintJobResult> {
    this.emitJob(job, 'queued');
    const result = new Promise<PrintJobResult>((resolve) => this.waiters.set(job.jobId, resolve));
    const timer = setTimeout(
      () =>
        this.settle(job.jobId, {
          jobId: job.jobId,
          state: 'queued',
          copy: job.copy,
          reason: 'printer busy',
        }),
      this.deps.printWaitMs ?? 10_000,
    );
    void this.drain();
    return result.finally(() => clearTimeout(timer));
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `fn` on the link once the worker lets go, if that happens within `busyBudgetMs`;
   * otherwise answers `busy()` and `fn` never runs (the caller has its answer already).
   */
  private whenIdle<T>(busy: () => T, fn: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let answered = false;
      const timer = setTimeout(() => {
        answered = true;
        try {
          resolve(busy());
        } catch (err) {
          reject(err as Error);
        }
      }, this.deps.busyBudgetMs ?? 2000);
      void this.exclusive(async () => {
        if (answered) return;
        answered = true;
        clearTimeout(timer);
        await fn().then(resolve, reject);
      });
    });
  }

  private drain(): Promise<void> {
    return this.exclusive(() => this.drainLocked());
  }

  private async drainLocked(): Promise<void> {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const { queue, transport, encoder, logger } = this.deps;
    for (
      let job = queue.nextPending(this.deviceId);
      job && !this.stopped;
      job = queue.nextPending(this.deviceId)
    ) {
      let sent = false;
      try {
        await this.ensureOpen();
        if (transport.bidirectional) {
          const status = await this.readStatus();
          if (!canPrint(status)) return this.wait(job, STATUS_WORDS[status]);
        }
        const stored = await this.storeLogos(job.document);
        this.emitJob(job, 'printing');
        sent = true;
        await transport.write(encoder.encode(job.document, stored), { signal: this.writes.signal });
        // DLE EOT is answered in stream order: an answer means every byte of the job arrived.
        if (transport.bidirectional) await this.readStatus();
        queue.markPrinted(job.jobId);
        this.emitJob(job, 'printed');
        this.settle(job.jobId, { jobId: job.jobId, state: 'printed', copy: job.copy });
      } catch (err) {
        const message = (err as Error).message;
        logger.warn(
          { deviceId: this.deviceId, jobId: job.jobId, err: message },
          'print attempt failed; job kept for retry',
        );
        queue.recordFailure(job.jobId, message);
        // Some of it may be on the paper: the whole receipt goes again under a 재출력 mark, so
        // the torn half and the full one cannot pass for two sales (issue 16, Deliver 5).
        if (sent) queue.markResend(job.jobId);
        await this.linkLost(err);
        return this.wait(job, `printer unreachable: ${message}`);
      }
    }
  }

  /**
   * Makes sure the logos of `document` are in the printer's NV memory, storing one only when
   * this printer does not hold that version yet; returns the ones the job may print by key.
   * A store is confirmed like a job (a status answer after it) before it is recorded; on a
   * write-only link the write alone counts, as for receipts.
   */
  private async storeLogos(document: ReceiptDocument): Promise<StoredLogos> {
    const { nvLogos, encoder, transport, logger } = this.deps;
    const stored = new Set<string>();
    if (!nvLogos) return stored;
    for (const logo of encoder.nvLogos(document)) {
      const id = nvLogoId(logo.ref, logo.align);
      const held = nvLogos.get(this.deviceId, transport.description, logo.key);
      if (held?.logoId !== id || held.hash !== logo.hash) {
        logger.info({ deviceId: this.deviceId, logo: id, key: logo.key }, 'storing the logo in the printer’s NV memory');
        await transport.write(logo.define, { signal: this.writes.signal });
        if (transport.bidirectional) await this.readStatus(NV_STORE_TIMEOUT_MS);
        nvLogos.record(this.deviceId, transport.description, logo.key, { logoId: id, hash: logo.hash });
      }
      stored.add(id);
    }
    return stored;
  }

  /** The head job cannot print now: everyone waiting hears "queued", and the worker tries again later. */
  private wait(job: PrintJob, reason: string): void {
    this.emitJob(job, 'waiting', reason);
    for (const jobId of [...this.waiters.keys()]) {
      const waiting = this.deps.queue.get(jobId);
      this.settle(jobId, { jobId, state: 'queued', copy: waiting?.copy ?? false, reason });
    }
    this.schedule(this.deps.retryDelayMs ?? 3000);
  }

  private schedule(delayMs: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.drain();
    }, delayMs);
  }

  private settle(jobId: string, result: PrintJobResult): void {
    const resolve = this.waiters.get(jobId);
    this.waiters.delete(jobId);
    resolve?.(result);
  }

  private async ensureOpen(): Promise<void> {
    if (this.deps.transport.isOpen) return;
    if (this.connection.state !== 'disconnected') this.setConnection('connecting');
    await this.deps.transport.open();
    this.setConnection('connected');
  }

  private async readStatus(timeoutMs = this.deps.statusTimeoutMs ?? 1500): Promise<PrinterStatus> {
    const answers: number[] = [];
    for (const n of STATUS_REQUESTS) {
      const [byte] = await this.deps.transport.request(statusRequest(n), 1, timeoutMs);
      answers.push(byte!);
    }
    return this.setStatus(
      summarizeStatus(parseRealTimeStatus(answers[0]!, answers[1]!, answers[2]!)),
    );
  }

  private async linkLost(err: unknown): Promise<void> {
    await this.deps.transport.close().catch(() => undefined);
    const message = (err as Error).message;
    // The link opened but the printer never answered: the set-up may be a one-way link.
    this.setConnection('disconnected', err instanceof NoAnswerError ? `${message}; ${WRITE_ONLY_ADVICE}` : message);
    this.setStatus('offline');
  }

  private setStatus(status: PrinterStatus): PrinterStatus {
    if (status !== this.lastStatus) {
      this.lastStatus = status;
      this.events.emit('status', status);
    }
    return status;
  }

  private connectionStatus(state: DeviceStatus['state'], reason?: string): DeviceStatus {
    const base = {
      deviceId: this.deviceId,
      kind: 'printer' as const,
      driver: `escpos ${this.deps.transport.description}`,
    };
    return deviceStatus(this.deps.clock, base, state, reason === undefined ? {} : { reason });
  }

  private setConnection(state: DeviceStatus['state'], reason?: string): void {
    if (state === this.connection.state && reason === this.connection.reason) return;
    this.connection = this.connectionStatus(state, reason);
    this.events.emit('state', this.connection);
  }

  private emitJob(job: PrintJob, state: PrintJobEvent['state'], reason?: string): void {
    this.events.emit('job', {
      jobId: job.jobId,
      state,
      copy: job.copy,
      at: this.deps.clock.now(),
      ...(reason ? { reason } : {}),
    });
  }
}
