import { createHash } from 'node:crypto';
import { CodeError, classifyScan, maskPaymentCode } from '../codes/index.js';
import type { Logger } from '../platform/logger.js';
import { GatewayUnreachableError, type RelayGateway } from '../relay/gateway.js';
import type { PayResponse, Payment } from '../relay/protocol.js';
import { InvalidRelayRequestError } from '../relay/signed-transport.js';
import { cashierMessage } from './cashier-messages.js';
import type { PaymentsConfig } from './config.js';
import { InvalidInputError, OfflineRefusedError } from './errors.js';
import type { IdFactory } from './ids.js';
import type { PaymentResolver } from './payment-resolver.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { SaleService } from './sale-service.js';
import { type TenderBook, paymentFacts } from './tender-book.js';
import { checkedAmount } from './tender-amount.js';

/** What the cashier's screen gets back from a payment attempt. */
export interface TenderOutcome {
  tender: TenderRow;
  /** Words for the cashier when the payment did not go through. */
  message?: string;
}

/**
 * Consumer-presented QR (CPM): the cashier scans the customer's wallet code.
 * Order of events, each persisted before the next side effect:
 * classify → journal `created` (code masked) and `requested` with the
 * paymentRequestId (idempotency key), one commit → pay → approved (with the
 * sale's completion, one commit) / declined / unknown.
 * Unknown goes to the resolver (inquire, then network cancellation).
 */
export class CpmFlow {
  constructor(
    private readonly deps: {
      gateway: RelayGateway;
      store: PaymentStore;
      tenders: TenderBook;
      sales: SaleService;
      resolver: PaymentResolver;
      ids: IdFactory;
      config: PaymentsConfig;
      logger: Logger;
    },
  ) {}

  /** Takes `amount` (default: all that is due) of a sale with the scanned wallet code. */
  async pay(saleId: string, code: string, amount?: number): Promise<TenderOutcome> {
    const { gateway, tenders, sales, resolver, ids, config, logger } = this.deps;
    const sale = sales.requireOpen(saleId);
    const value = checkedAmount(amount, sales.balance(saleId).due);
    if (gateway.connectivity() === 'offline') {
      throw new OfflineRefusedError(
        'cpm-offline',
        'The payment network is offline: wallet codes cannot be taken now. Take cash, or show the shop QR.',
      );
    }
    const scan = classify(code);
    const codeDigest = digestOf(scan.code);
    // A wallet code is single-use (WeChat Pay, Alipay+): a second pay with it inside one sale is a
    // double scan, never a second payment (issue 12, defect 10).
    if (this.usedInSale(saleId, codeDigest)) {
      throw new InvalidInputError('code-already-used', 'This payment code was already used for this sale. Ask the customer to show a new code.');
    }
    const tenderId = ids.next('P');
    const maskedCode = maskPaymentCode(scan.code);
    // The idempotency key is durable before the request leaves: after a
    // crash from here on, recovery inquires about exactly this request.
    tenders.open({
      tenderId,
      saleId,
      method: 'cpm',
      to: 'created',
      currency: sale.currency,
      amount: value,
      maskedCode,
      codeDigest,
      ...(scan.wallet ? { wallet: scan.wallet } : {}),
    }, { then: 'requested' });
    logger.info({ tenderId, maskedCode, amount: value }, 'CPM payment requested');
    let answer: PayResponse | undefined;
    try {
      answer = await gateway.pay({
        paymentRequestId: tenderId,
        amount: { currency: sale.currency, value: String(value) },
        paymentCode: scan.code,
        orderTitle: config.orderTitle,
      });
    } catch (error) {
      // The client's own validation refused the request: it never left, so nothing can be charged.
      if (error instanceof InvalidRelayRequestError) {
        logger.warn({ tenderId, issues: error.issues }, 'CPM pay refused by the client before sending');
        const reason = 'This code cannot be sent to the payment network. Ask for the payment code again.';
        const tender = tenders.move(tenderId, ['requested'], 'declined', { reasonCode: 'NOT_SENT', reason });
        if (tender) return { tender, message: reason };
        throw error;
      }
      if (!(error instanceof GatewayUnreachableError)) throw error;
      logger.warn({ tenderId, kind: error.kind }, 'CPM pay answer lost: outcome unknown');
    }
    const payment = answer?.payment;
    if (answer?.result.status === 'S' && payment?.status === 'SUCCESS') {
      this.approve(saleId, tenderId, payment);
    } else if (answer?.result.status === 'F') {
      tenders.move(tenderId, ['requested'], 'declined', {
        reasonCode: answer.result.code,
        reason: cashierMessage(answer.result.code, answer.result.message),
      });
    } else {
      tenders.move(tenderId, ['requested'], 'unknown', { reasonCode: answer?.result.code ?? 'NO_ANSWER' });
    }
    const tender = await resolver.decide(tenderId);
    sales.completeIfPaid(saleId);
    return { tender, ...(tender.state === 'approved' ? {} : { message: tender.reason ?? undefined }) };
  }

  /**
   * The approval and the sale it completes, in one commit: nothing leaves the
   * till between the two, and each commit is a disk flush on the cashier's
   * wait (issue 12's checkout figure). Listeners hear of both once committed.
   */
  private approve(saleId: string, tenderId: string, payment: Payment): void {
    const { store, tenders, sales } = this.deps;
    const { approved, receiptNumber } = store.atomically(() => {
      const row = tenders.moveInTransaction(tenderId, ['requested'], 'approved', paymentFacts(payment));
      return { approved: row, receiptNumber: row ? sales.completeInTransaction(saleId) : undefined };
    });
    if (approved) tenders.announce(approved);
    if (receiptNumber) sales.announceCompleted(saleId, receiptNumber);
  }

  /** Whether a tender of this sale was already opened with the code of this digest, whatever became of it. */
  private usedInSale(saleId: string, codeDigest: string): boolean {
    const { store } = this.deps;
    return store
      .tendersOfSale(saleId)
      .filter((t) => t.method === 'cpm')
      .some((t) => store.ledger.journal.forAggregate(t.tenderId)[0]?.body.codeDigest === codeDigest);
  }
}

/** A digest of a wallet code, kept instead of the code (single-use and short-lived, but still a secret). */
function digestOf(code: string): string {
  return createHash('sha256').update(code).digest('hex').slice(0, 32);
}

function classify(raw: string): { code: string; wallet?: string } {
  try {
    const scan = classifyScan(raw);
    if (scan.format === 'emv-mpm') {
      throw new InvalidInputError('not-a-wallet-code', 'That is a shop QR, not the customer\'s payment code. Scan the code in the customer\'s wallet.');
    }
    // A product barcode (EAN-13 on a bag of crisps) is never sent to the gateway as a payment code.
    if (scan.format === 'product-barcode') {
      throw new InvalidInputError('not-a-wallet-code', 'That is a product barcode, not the customer\'s payment code. Scan the code in the customer\'s wallet.');
    }
    return scan.format === 'payment-code' && scan.wallet !== 'unknown' ? { code: scan.code, wallet: scan.wallet } : { code: scan.code };
  } catch (error) {
    if (error instanceof CodeError) {
      throw new InvalidInputError('unrecognised-code', 'This is not a wallet payment code. Ask the customer to show the payment code again.');
    }
    throw error;
  }
}
