import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';
import { type SandboxGateway, startSandboxGateway } from '../../sandbox/index.js';

/**
 * The sandbox gateway embedded in training mode, on a loopback port of its
 * own with its state in the data directory. A trainer can switch it off and
 * on again (same port, same state) to practise an outage: the relay client
 * sees a real connection failure, exactly as in a shop whose line drops.
 */
export class TrainingGateway {
  private gateway: SandboxGateway | undefined;
  private port = 0;
  private key: KeyObject | undefined;
  private changing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: { dataDir: string; terminalId: string; terminalKey: KeyObject; clock: Clock; logger: Logger },
  ) {}

  static async start(options: TrainingGateway['options']): Promise<TrainingGateway> {
    const training = new TrainingGateway(options);
    await training.setRunning(true);
    return training;
  }

  /** The sandbox's base URL; stays the same across stop and start. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The sandbox's public key, the same across stop and start (it lives in the sandbox's database). */
  publicKey(): KeyObject {
    if (!this.key) throw new Error('the training gateway never started');
    return this.key;
  }

  get running(): boolean {
    return this.gateway !== undefined;
  }

  setRunning(running: boolean): Promise<void> {
    const next = this.changing.then(() => (running ? this.open() : this.close()));
    this.changing = next.catch(() => undefined);
    return next;
  }

  private async open(): Promise<void> {
    if (this.gateway) return;
    const { dataDir, terminalId, terminalKey, clock, logger } = this.options;
    this.gateway = await startSandboxGateway({
      port: this.port,
      dbPath: join(dataDir, 'training-gateway.db'),
      clock,
      logger,
      // Short enough that a trainee sees a "customer enters a password" code resolve.
      pendingMs: 3_000,
    });
    this.port = this.gateway.port;
    this.gateway.registerTerminal(terminalId, terminalKey);
    this.key = this.gateway.publicKey();
    logger.info({ url: this.url }, 'training gateway running');
  }

  private async close(): Promise<void> {
    const gateway = this.gateway;
    this.gateway = undefined;
    await gateway?.close();
  }
}
