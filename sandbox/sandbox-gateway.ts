import type { KeyObject } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type MerchantProfile, merchantProfileSchema } from '../src/codes/index.js';
import { type Clock, systemClock } from '../src/platform/clock.js';
import { type Logger, silentLogger } from '../src/platform/logger.js';
import { EVENTS_PATH } from '../src/relay/operations.js';
import { publicKeyToBase64 } from '../src/relay/signing.js';
import { handleSandboxRoute, ledgerReport } from './admin-routes.js';
import { CustomerSimulator } from './customer-simulator.js';
import { openSandboxDatabase } from './database.js';
import { handleEventStream } from './event-stream-route.js';
import { type FaultConfig, FaultInjector } from './faults.js';
import { Enrollment } from './enrollment.js';
import { GatewayKeys } from './gateway-keys.js';
import { sandboxRouteRefusal } from './admin-guard.js';
import { BodyTooLargeError, sendJson, sendResult, signAnswersOn } from './http-util.js';
import { JournalIntake } from './journal-intake.js';
import { PaymentService } from './payment-service.js';
import { resolveDuePayments } from './payment-transitions.js';
import { RefundService } from './refund-service.js';
import {
  handleOperation,
  matchOperation,
  operationHandlers,
  type SandboxServices,
} from './relay-routes.js';
import { RequestAuthenticator } from './request-auth.js';
import { SandboxState } from './sandbox-state.js';
import { SettlementService } from './settlement-service.js';
import { type LateReports, NO_LATE_REPORTS } from './late-reports.js';
import { handleStatementPlants } from './statement-plants.js';
import { DEFAULT_RATES } from './wallets.js';

export interface SandboxGatewayOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: the admin endpoints are unauthenticated. */
  host?: '127.0.0.1' | '::1' | 'localhost';
  /** SQLite file; ':memory:' for a throw-away gateway. */
  dbPath: string;
  clock?: Clock;
  logger?: Logger;
  /** Default 'SANDBOX'. */
  enrollmentCode?: string;
  /** How long pending magic codes stay PROCESSING (default 5 s, sandbox clock). */
  pendingMs?: number;
  /** Longest order-code life in seconds (default 900). */
  maxOrderSeconds?: number;
  rates?: Record<string, string>;
  /** Keep-alive comment interval on the event stream (default 15 s). */
  keepAliveMs?: number;
  /** How often due payments are resolved and their events pushed (default 250 ms). */
  sweepMs?: number;
  /** Earliest cancel of a WeChat Pay CPM payment after it was created (default 15 s, WeChat Pay's rule). */
  earliestCancelMs?: number;
  /** Life of a payment code the customer simulator issues (default 60 s). */
  codeValidMs?: number;
  /** Offline-bill payments the wallet notifies late (sandbox/late-reports.ts; default none late). */
  lateReports?: LateReports;
}

/** A running sandbox gateway. */
export interface SandboxGateway {
  url: string;
  port: number;
  /** Registers a terminal's public key without an enrollment code (tests, training mode). */
  registerTerminal(terminalId: string, publicKey: KeyObject | string): void;
  setFaults(config: FaultConfig): void;
  /** The gateway's public key, which a till pins (tests and training pin it without registering). */
  publicKey(): KeyObject;
  /** A one-time enrollment code that registers or re-keys `terminalId` once. */
  issueEnrollmentCode(terminalId: string): string;
  /** Replaces the gateway's key; the rotation message is signed by the old one. */
  rotateKey(): void;
  /** Resolves due payments now (tests driving a ManualClock call this instead of waiting). */
  resolveDue(): number;
  ledger(terminalId?: string): ReturnType<typeof ledgerReport>;
  customer: CustomerSimulator;
  close(): Promise<void>;
}

const SANDBOX_MERCHANT: MerchantProfile = merchantProfileSchema.parse({
  merchantName: 'COUNTER SANDBOX STORE',
  merchantCity: 'SEOUL',
  merchantCategoryCode: '5411',
  account: { templateId: '26', gui: 'KR.SANDBOX.RELAY', merchantId: 'M-SANDBOX-0001' },
  alternateLanguage: {
    languagePreference: 'ko',
    merchantName: '카운터 샌드박스 상점',
    merchantCity: '서울',
  },
});

/** Starts the sandbox relay gateway: a real HTTP server with its own SQLite state. */
export async function startSandboxGateway(options: SandboxGatewayOptions): Promise<SandboxGateway> {
  const clock = options.clock ?? systemClock;
  const logger = (options.logger ?? silentLogger).child({ component: 'sandbox-gateway' });
  const db = openSandboxDatabase(options.dbPath);
  const state = new SandboxState(db, clock, {
    enrollmentCode: options.enrollmentCode ?? 'SANDBOX',
    pendingMs: options.pendingMs ?? 5_000,
    maxOrderSeconds: options.maxOrderSeconds ?? 900,
    rates: options.rates ?? DEFAULT_RATES,
    ratesAt: clock.now(),
    merchant: SANDBOX_MERCHANT,
    earliestCancelMs: options.earliestCancelMs ?? 15_000,
    codeValidMs: options.codeValidMs ?? 60_000,
    lateReports: options.lateReports ?? NO_LATE_REPORTS,
  });
  const auth = new RequestAuthenticator(state);
  const keys = new GatewayKeys(db, clock);
  const enrollment = new Enrollment(state, auth);
  const services = {
    keys,
    enrollment,
    state,
    auth,
    payments: new PaymentService(state),
    refunds: new RefundService(state),
    journal: new JournalIntake(state, keys),
    settlements: new SettlementService(state),
    faults: new FaultInjector(),
    merchant: {
      merchantId: 'M-SANDBOX-0001',
      name: SANDBOX_MERCHANT.merchantName,
      city: SANDBOX_MERCHANT.merchantCity,
      mcc: SANDBOX_MERCHANT.merchantCategoryCode,
    },
  } as SandboxServices;
  services.handlers = operationHandlers(services);
  const customer = new CustomerSimulator(state, (terminalId) => auth.isRegistered(terminalId));
  const keepAliveMs = options.keepAliveMs ?? 15_000;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method === 'GET' && url.pathname === EVENTS_PATH)
      return handleEventStream(services, req, res, url, keepAliveMs);
    const operation = matchOperation(req.method ?? 'GET', url.pathname);
    if (url.pathname.startsWith('/sandbox/')) {
      const refusal = sandboxRouteRefusal(req, port);
      if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
    }
    if (operation) return handleOperation(services, req, res, operation.name, operation.params);
    if (await handleStatementPlants(state, req, res, url)) return;
    if (
      url.pathname.startsWith('/sandbox/') &&
      (await handleSandboxRoute(services, customer, req, res, url))
    )
      return;
    sendResult(
      res,
      'PARAM_ILLEGAL',
      `no operation ${req.method} ${url.pathname} (see docs/relay-protocol.md)`,
      404,
    );
  }

  const server = createServer((req, res) => {
    signAnswersOn(res, keys.signer);
    route(req, res).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError)
        return sendResult(res, 'PARAM_ILLEGAL', error.message, 413);
      logger.error(
        { error: (error as Error).stack ?? String(error), url: req.url },
        'sandbox request failed',
      );
      if (!res.headersSent)
        sendResult(res, 'UNKNOWN_EXCEPTION', 'sandbox internal error: inquire', 500);
      else res.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const sweep = setInterval(() => {
    try {
      resolveDuePayments(state);
      services.refunds.completeDue();
    } catch (error) {
      logger.error({ error: (error as Error).message }, 'sandbox sweep failed');
    }
  }, options.sweepMs ?? 250);
  sweep.unref();
  logger.info({ port, dbPath: options.dbPath }, 'sandbox gateway listening');

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    registerTerminal: (terminalId, publicKey) =>
      auth.registerTerminal(
        terminalId,
        typeof publicKey === 'string' ? publicKey : publicKeyToBase64(publicKey),
      ),
    setFaults: (config) => services.faults.configure(config),
    publicKey: () => keys.publicKey(),
    issueEnrollmentCode: (terminalId) => enrollment.issueOneTimeCode(terminalId),
    rotateKey: () => {
      keys.rotate();
    },
    resolveDue: () => resolveDuePayments(state) + services.refunds.completeDue(),
    ledger: (terminalId) => ledgerReport(db, terminalId),
    customer,
    close: async () => {
      if (!db.open) return;
      clearInterval(sweep);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      db.close();
    },
  };
}
