import type { CashDrawer } from '../devices/drawer.js';
import type { Logger } from '../platform/logger.js';
import type { CashReceiptFor, CashReceipts } from './cash-receipts.js';
import { InvalidInputError, SaleStateError } from './errors.js';
import type { PaymentEvents } from './events.js';
import type { IdFactory } from './ids.js';
import type { PaymentStore, TenderRow } from './payment-store.js';
import type { CashMovementKind, DrawerOpenedBody } from './records.js';
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
      cashReceipts: CashReceipts;
      drawer?: CashDrawer;
    },
  ) {}

  /**
   * The customer hands over `tendered`: it covers what is due, or `part` of
   * it in a split payment, and the rest is change. A part can never be more
   * than is due, and only the tender that settles the sale gives change: a
   * part paid in cash is taken as handed over, up to the part. A 현금영수증
   * asked with the cash is journaled with it, before the receipt prints.
   */
  async take(saleId: string, tendered: number, options: { part?: number; cashReceipt?: CashReceiptFor } = {}): Promise<CashTaken> {
    const { tenders, sales, ids, store, cashReceipts } = this.deps;
    const sale = sales.requireOpen(saleId);
    if (!Number.isSafeInteger(tendered) || tendered <= 0) {
      throw new InvalidInputError('bad-amount', `The cash handed over must be a whole positive amount, not ${tendered}.`);
    }
    const due = sales.balance(saleId).due;
    if (due <= 0) throw new SaleStateError('nothing-due', 'Nothing is left to pay on this sale.');
    const { part } = options;
    if (part !== undefined && part > due) {
      throw new InvalidInputError('part-over-due', `Only ${due} is due: a part payment cannot be ${part}.`);
    }
    const amount = Math.min(part ?? due, tendered);
    if (amount < due && tendered > amount) {
      throw new InvalidInputError('part-no-change', `A part payment gives no change: take ${amount} for this part, or take all that is due (${due}).`);
    }
    const change = tendered - amount;
    const tender = store.atomically(() => {
      const taken = tenders.open(
        { tenderId: ids.next('P'), saleId, method: 'cash', to: 'approved', currency: sale.currency, amount, tendered, change },
        { sync: true },
      );
      if (options.cashReceipt) cashReceipts.request(taken, options.cashReceipt);
      return taken;
    });
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
