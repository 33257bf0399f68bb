import type { CashDrawer } from '../devices/drawer.js';
import type { Logger } from '../platform/logger.js';
import { type CashReceiptIdentifier, parseCashReceiptId } from './cash-receipt-id.js';
import { InvalidInputError, SaleStateError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { CashMovementKind, CashReceiptIdentifierType, DrawerOpenedBody } from './records.js';
import { type StaffDirectory, requireRole } from './roles.js';
import type { SaleService } from './sale-service.js';
import type { TenderBook } from './tender-book.js';

/** A cash tender taken: what it covers and the change to hand back. */
export interface CashTaken {
  tender: TenderRow;
  change: number;
}

/**
 * Cash at the counter: tenders with change, the drawer kick, float and
 * pay-in/pay-out movements, and cash receipts (현금영수증). Every one is a
 * journal row queued for the gateway before the drawer opens.
 */
export class CashDesk {
  constructor(
    private readonly deps: {
      store: PaymentStore;
      tenders: TenderBook;
      sales: SaleService;
      ids: IdFactory;
      staff: StaffDirectory;
      events: PaymentEvents;
      logger: Logger;
      currency: string;
      drawer?: CashDrawer;
    },
  ) {}

  /**
   * The customer hands over `tendered`: it covers what is due (or part of
   * it, in a split payment) and the rest is change.
   */
  async take(saleId: string, tendered: number): Promise<CashTaken> {
    const { tenders, sales, ids } = this.deps;
    const sale = sales.requireOpen(saleId);
    if (!Number.isSafeInteger(tendered) || tendered <= 0) {
      throw new InvalidInputError('bad-amount', `The cash handed over must be a whole positive amount, not ${tendered}.`);
    }
    const due = sales.balance(saleId).due;
    if (due <= 0) throw new SaleStateError('nothing-due', 'Nothing is left to pay on this sale.');
    const amount = Math.min(due, tendered);
    const change = tendered - amount;
    const tender = tenders.open(
      { tenderId: ids.next('P'), saleId, method: 'cash', to: 'approved', currency: sale.currency, amount, tendered, change },
      { sync: true },
    );
    await this.openDrawer({ reason: 'sale', saleId });
    sales.completeIfPaid(saleId);
    return { tender, change };
  }

  /**
   * Float, pay-in or pay-out: journaled and queued for the gateway, drawer
   * opened. Pay-outs take money out of the drawer, so they need a manager.
   */
  async movement(kind: CashMovementKind, amount: number, reason: string, pin?: string): Promise<string> {
    const { store, ids, staff, currency } = this.deps;
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new InvalidInputError('bad-amount', `A cash movement must be a whole positive amount, not ${amount}.`);
    }
    const member = await requireRole(staff, pin, kind === 'pay-out' ? 'manager' : 'cashier');
    const movementId = ids.next('M');
    store.write(
      'cash.movement',
      movementId,
      { movementId, kind, currency, amount, reason: reason.slice(0, 128), staffId: member.staffId },
      { sync: true },
    );
    await this.openDrawer({ reason: 'cash-movement' });
    return movementId;
  }

  /**
   * Attaches a 현금영수증 request to a cash tender. The identifier is checked
   * (check digit where it has one); it is queued for the gateway, which
   * issues the receipt with the tax service, and shown masked everywhere.
   */
  requestCashReceipt(tenderId: string, input: string, type?: CashReceiptIdentifierType): CashReceiptIdentifier {
    const { store, logger } = this.deps;
    const tender = store.tender(tenderId);
    if (tender?.method !== 'cash' || tender.state !== 'approved') {
      throw new SaleStateError('not-cash', 'A cash receipt can only be issued for cash taken.');
    }
    const id = parseCashReceiptId(input, type);
    store.write(
      'cash-receipt.requested',
      tenderId,
      {
        tenderId,
        saleId: tender.saleId,
        identifierType: id.type,
        identifier: id.digits,
        masked: id.masked,
        purpose: id.purpose,
        amount: tender.amount,
        dependsOn: [store.recordIdAt(tender.stateSeq)],
      },
      { sync: true },
    );
    logger.info({ tenderId, identifier: id.masked, type: id.type }, 'cash receipt requested');
    return id;
  }

  /** Records the gateway's issuance answer for a cash receipt (called by the sync engine's ack). */
  recordCashReceiptResult(tenderId: string, detail: Record<string, string> | undefined, rejectedCode?: string): void {
    const issued = !rejectedCode && detail?.status !== 'failed';
    this.deps.store.write('cash-receipt.result', tenderId, {
      tenderId,
      status: issued ? 'issued' : 'failed',
      ...(detail?.approvalNumber ? { approvalNumber: detail.approvalNumber } : {}),
      ...((rejectedCode ?? detail?.code) ? { code: rejectedCode ?? detail?.code } : {}),
    });
    if (!issued) {
      this.deps.events.emit('alert', {
        code: 'cash-receipt-failed',
        message: 'A cash receipt could not be issued: issue it again from the sale.',
        ref: tenderId,
      });
    }
  }

  /** Kicks the drawer; a drawer that does not open is an alert, never a lost sale. */
  async openDrawer(body: DrawerOpenedBody): Promise<void> {
    const { drawer, store, logger } = this.deps;
    if (!drawer) return;
    try {
      await drawer.kick();
      store.write('drawer.opened', body.saleId ?? 'drawer', body);
    } catch (error) {
      logger.warn({ err: error, reason: body.reason }, 'cash drawer did not open');
    }
  }
}
