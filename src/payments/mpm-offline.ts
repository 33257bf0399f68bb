import { type MerchantProfile, buildDynamicMpm } from '../codes/index.js';
import { money } from '../money/index.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import type { RelayGateway } from '../relay/gateway.js';
import type { Payment } from '../relay/protocol.js';
import type { PaymentsConfig } from './config.js';
import type { TenderOutcome } from './cpm-flow.js';
import { SaleStateError } from './errors.js';
import type { PaymentResolver } from './payment-resolver.js';
import { type StaffDirectory, requireRole } from './roles.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { MpmSession } from './mpm-session.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { PaymentQrDisplay } from './ports.js';
import type { ReceiptNumbers } from './receipt-numbers.js';
import type { SaleService } from './sale-service.js';
import { type TenderBook, paymentFacts } from './tender-book.js';

/** What a matching pass did. */
export interface MatchReport {
  confirmed: number;
  flagged: number;
  /** Bills paid after the till gave up on them, now being given back. */
  givenBack: number;
  /** Bills shown but never answered, abandoned past their validity. */
  expired: number;
}

/** Offline bills the matcher asks the gateway about. */
const MATCHED_STATES = ['created', 'pending-confirmation', 'unmatched', 'abandoned'] as const;

/** The gateway looks up at most this many bill numbers per call. */
const LOOKUP_BATCH = 200;

/**
 * Offline MPM: with the gateway unreachable the till shows a dynamic EMV QR
 * it builds itself (amount + a bill number unique on this terminal). When the
 * cashier sees the customer's paid screen the tender becomes `pending
 * confirmation` and the sale completes; the payment is confirmed later, when
 * the gateway reports a payment with that bill number (lookupByBill on sync).
 * One still unmatched after the configured time is flagged for the owner, who
 * may write it off (manager's PIN, journaled).
 *
 * The lifecycle covers every bill issued (issue 12): one still on the display
 * when the till stopped is confirmed by the gateway's report after restart,
 * or abandoned once past its validity; one the cashier gave up on (or that
 * expired) is looked up until a lookup begun `lateReportMs` past its validity
 * has been answered (in each process), and if it
 * turns out paid it completes its sale when the sale still wants the money,
 * otherwise it is given back (cancel, or refund past the cancel window)
 * with an owner alert.
 */
export class OfflineMpm {
  private readonly sessions = new Map<string, (outcome: TenderOutcome) => void>();
  /**
   * When (till clock) the last matching pass whose every lookup was answered
   * began; unset until this process has had one, so its first pass asks
   * about every given-up bill the journal holds.
   */
  private answeredPassAt: number | undefined;

  constructor(
    private readonly deps: {
      gateway: RelayGateway;
      store: PaymentStore;
      tenders: TenderBook;
      sales: SaleService;
      numbers: ReceiptNumbers;
      ids: IdFactory;
      config: PaymentsConfig;
      merchant: MerchantProfile;
      clock: Clock;
      events: PaymentEvents;
      logger: Logger;
      resolver: Pick<PaymentResolver, 'resolve'>;
      staff: StaffDirectory;
      display?: PaymentQrDisplay;
    },
  ) {}

  /** Builds and shows the local QR; the tender waits for the cashier's confirmation. */
  start(saleId: string, amount: number): MpmSession {
    const { store, tenders, sales, numbers, ids, config, merchant, clock } = this.deps;
    const sale = sales.requireOpen(saleId);
    const tenderId = ids.next('P');
    const expiresAt = clock.now() + config.offlineMpm.validForSeconds * 1000;
    const { qrPayload } = store.atomically(() => {
      const bill = numbers.nextBill();
      // The terminal label (62.07) tells the gateway whose bill number this is.
      const profile = { ...merchant, terminalLabel: merchant.terminalLabel ?? config.terminalId };
      // The validity travels in the QR (62.50) and the gateway refuses a payment after it.
      const payload = buildDynamicMpm(profile, { amount: money(amount, sale.currency), billNumber: bill.billNumber, validUntil: expiresAt });
      tenders.open({ tenderId, saleId, method: 'mpm-offline', to: 'created', currency: sale.currency, amount, expiresAt, ...bill });
      return { qrPayload: payload };
    });
    this.deps.display?.showPaymentQr({ tenderId, qrPayload, currency: sale.currency, amount, expiresAt, offline: true });
    const outcome = new Promise<TenderOutcome>((resolve) => this.sessions.set(tenderId, resolve));
    return { tenderId, offline: true, qrPayload, expiresAt, outcome };
  }

  /**
   * The cashier saw the customer's paid screen (or saw them give up):
   * pending confirmation (queued for the gateway, journaled with the
   * `staffId` of whoever vouched for it) or abandoned.
   */
  settle(tenderId: string, customerPaid: boolean, vouchedBy?: string): TenderOutcome {
    const { tenders, sales, display } = this.deps;
    const current = this.deps.store.tender(tenderId);
    if (current?.method !== 'mpm-offline') throw new SaleStateError('not-offline-qr', `Tender ${tenderId} is not an offline QR.`);
    const tender = customerPaid
      ? tenders.move(tenderId, ['created'], 'pending-confirmation', vouchedBy ? { staffId: vouchedBy } : {}, { sync: true })
      : tenders.move(tenderId, ['created'], 'abandoned', { reasonCode: 'CASHIER_ABORT', reason: 'The customer did not pay.' });
    if (!tender) throw new SaleStateError('tender-settled', `Tender ${tenderId} is already ${current.state}.`);
    display?.clearPaymentQr(tenderId);
    sales.completeIfPaid(tender.saleId);
    const outcome = { tender, ...(customerPaid ? {} : { message: tender.reason ?? undefined }) };
    this.finishSession(tender, outcome.message);
    return outcome;
  }

  /**
   * Asks the gateway which offline bills were paid: confirms the matches,
   * flags the ones older than the configured time. Runs after each sync.
   */
  async match(): Promise<MatchReport> {
    const { store, gateway, clock, config } = this.deps;
    const startedAt = clock.now();
    const since = this.answeredPassAt;
    const waiting = store
      .tendersInStates(MATCHED_STATES)
      .filter((t) => t.method === 'mpm-offline' && t.billNumber)
      // A given-up bill is asked about until a lookup that began past its validity (enforced by the
      // gateway) plus the report lag has been answered. By the clock alone, a night with the till off
      // (or chaos's day turn) closed that window before any lookup saw a payment made just before it,
      // and the customer stayed charged for a sale paid in cash (pos chaos orphan, issue 12).
      .filter((t) => (t.state !== 'abandoned' && t.state !== 'created') || since === undefined || (t.expiresAt ?? t.createdAt) + config.offlineMpm.lateReportMs >= since);
    const report: MatchReport = { confirmed: 0, flagged: 0, givenBack: 0, expired: 0 };
    let answered = true;
    for (let i = 0; i < waiting.length; i += LOOKUP_BATCH) {
      const batch = waiting.slice(i, i + LOOKUP_BATCH);
      const answer = await gateway.lookupByBill(batch.map((t) => t.billNumber!));
      if (answer.result.status !== 'S') {
        answered = false;
        continue;
      }
      const paid = new Map(answer.payments.filter((p) => p.status === 'SUCCESS').map((p) => [p.billNumber, p]));
      for (const tender of batch) {
        const payment = paid.get(tender.billNumber!);
        if (!payment) continue;
        const outcome = tender.state === 'abandoned' ? this.paidAfterAbandon(tender, payment) : this.confirm(tender, payment) ? 'confirmed' : undefined;
        if (outcome) report[outcome]++;
      }
    }
    if (answered) this.answeredPassAt = startedAt;
    report.expired = this.expireUnanswered();
    report.flagged = this.flagOverdue();
    return report;
  }

  /**
   * The owner's write-off of a bill the gateway never reported paid
   * (`unmatched`): journaled with the manager who authorised it; it leaves
   * the sale's payments and counts against the day it is written off.
   */
  async writeOff(tenderId: string, managerPin: string | undefined, reason: string): Promise<TenderRow> {
    const { store, tenders, staff } = this.deps;
    const member = await requireRole(staff, managerPin, 'manager');
    const current = store.tender(tenderId);
    if (current?.method !== 'mpm-offline') throw new SaleStateError('not-offline-qr', `Tender ${tenderId} is not an offline QR.`);
    const moved = tenders.move(
      tenderId,
      ['unmatched'],
      'written-off',
      { reasonCode: 'WRITTEN_OFF', reason: reason.slice(0, 128), staffId: member.staffId },
      { sync: true },
    );
    if (!moved) throw new SaleStateError('not-unmatched', `Only an offline QR flagged unmatched can be written off; this one is ${current.state}.`);
    this.deps.logger.warn({ tenderId, staffId: member.staffId }, 'offline QR written off');
    return moved;
  }

  /**
   * A bill paid after the till gave up on it: it completes its sale if the
   * sale is still open and wants that much; otherwise the customer paid twice
   * (cash was taken) or for nothing, and the money goes back.
   */
  private paidAfterAbandon(tender: TenderRow, payment: Payment): 'confirmed' | 'givenBack' | undefined {
    const { store, sales, tenders, resolver, events, logger } = this.deps;
    const facts = { ...paymentFacts(payment), gatewayRequestId: payment.paymentRequestId };
    const sale = store.sale(tender.saleId);
    if (sale?.state === 'open' && sales.balance(tender.saleId).due >= tender.amount && this.sameMoney(tender, payment)) {
      if (!tenders.move(tender.tenderId, ['abandoned'], 'approved', facts)) return undefined;
      sales.completeIfPaid(tender.saleId);
      return 'confirmed';
    }
    const moved = tenders.move(tender.tenderId, ['abandoned'], 'reversing', {
      ...facts,
      reasonCode: 'PAID_AFTER_ABANDON',
      reason: 'The customer paid this QR after it was given up: the money is being returned.',
    });
    if (!moved) return undefined;
    logger.warn({ tenderId: tender.tenderId, billNumber: tender.billNumber }, 'offline QR paid after abandon: giving it back');
    events.emit('alert', {
      code: 'offline-qr-paid-after-abandon',
      message: `Offline QR ${tender.billNumber} (${tender.amount}) was paid after the cashier gave up on it; the money is being returned to the customer.`,
      ref: tender.tenderId,
    });
    resolver.resolve(tender.tenderId).catch((error: unknown) => logger.error({ err: error }, 'giving back an offline QR failed'));
    return 'givenBack';
  }

  /** Bills still on display (or left there by a restart) past their validity: the customer can no longer pay them. */
  private expireUnanswered(): number {
    const { store, tenders, clock, display } = this.deps;
    let expired = 0;
    for (const tender of store.tendersInStates(['created'])) {
      if (tender.method !== 'mpm-offline' || (tender.expiresAt ?? Infinity) > clock.now()) continue;
      const moved = tenders.move(tender.tenderId, ['created'], 'abandoned', {
        reasonCode: 'OFFLINE_QR_EXPIRED',
        reason: 'The payment QR expired before the customer paid.',
      });
      if (!moved) continue;
      expired++;
      display?.clearPaymentQr(tender.tenderId);
      this.finishSession(moved, 'The payment QR expired before the customer paid.');
    }
    return expired;
  }

  private finishSession(tender: TenderRow, message?: string): void {
    this.sessions.get(tender.tenderId)?.({ tender, ...(message ? { message } : {}) });
    this.sessions.delete(tender.tenderId);
  }

  private sameMoney(tender: TenderRow, payment: Payment): boolean {
    return payment.amount.value === String(tender.amount) && payment.amount.currency === tender.currency;
  }

  private confirm(tender: TenderRow, payment: Payment): boolean {
    if (!this.sameMoney(tender, payment)) {
      this.deps.events.emit('alert', {
        code: 'offline-mpm-unmatched',
        message: `The gateway reports bill ${tender.billNumber} paid with ${payment.amount.value} ${payment.amount.currency}, not ${tender.amount}: check it.`,
        ref: tender.tenderId,
      });
      return false;
    }
    const approved = this.deps.tenders.move(tender.tenderId, ['created', 'pending-confirmation', 'unmatched'], 'approved', {
      ...paymentFacts(payment),
      gatewayRequestId: payment.paymentRequestId,
    });
    if (!approved) return false;
    if (tender.state === 'created') {
      // Paid while on the display (perhaps across a restart): the sale completes on the gateway's word.
      this.deps.display?.clearPaymentQr(tender.tenderId);
      this.deps.sales.completeIfPaid(tender.saleId);
      this.finishSession(approved);
    }
    return true;
  }

  private flagOverdue(): number {
    const { store, tenders, clock, config, events } = this.deps;
    const cutoff = clock.now() - config.offlineMpm.unmatchedAfterMs;
    let flagged = 0;
    for (const tender of store.tendersInStates(['pending-confirmation'])) {
      if (tender.updatedAt > cutoff) continue;
      const moved = tenders.move(tender.tenderId, ['pending-confirmation'], 'unmatched', {
        reasonCode: 'OFFLINE_QR_UNMATCHED',
        reason: `No payment with bill ${tender.billNumber} reached the gateway.`,
      });
      if (!moved) continue;
      flagged++;
      events.emit('alert', {
        code: 'offline-mpm-unmatched',
        message: `Offline QR payment ${tender.billNumber} (${tender.amount}) was never confirmed by the gateway: check with the customer.`,
        ref: tender.tenderId,
      });
    }
    return flagged;
  }
}
