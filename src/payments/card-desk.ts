import type { CardApproval, CardTerminal } from '../devices/card-terminal.js';
import { InvalidInputError, SaleStateError } from './errors.js';
import type { IdFactory } from './ids.js';
import type { TenderRow } from './payment-store.js';
import type { SaleService } from './sale-service.js';
import type { TenderBook } from './tender-book.js';

/**
 * Card payments through the card terminal port (a standalone terminal's
 * slip today). A card tender is taken in hand like cash: approved when its
 * approval is recorded, journaled and queued for the gateway's journal, and
 * it never gives change, so it can never cover more than is due.
 */
export class CardDesk {
  constructor(
    private readonly deps: { terminal: CardTerminal; tenders: TenderBook; sales: SaleService; ids: IdFactory },
  ) {}

  /**
   * Records a card payment of `amount` (default: all that is due). `slip`
   * is what the cashier keyed from the terminal's slip.
   */
  async take(saleId: string, slip: CardApproval | undefined, amount?: number): Promise<{ tender: TenderRow }> {
    const { terminal, tenders, sales, ids } = this.deps;
    const sale = sales.requireOpen(saleId);
    const due = sales.balance(saleId).due;
    if (due <= 0) throw new SaleStateError('nothing-due', 'Nothing is left to pay on this sale.');
    const charged = amount ?? due;
    if (!Number.isSafeInteger(charged) || charged <= 0) {
      throw new InvalidInputError('bad-amount', `A card payment must be a whole positive amount, not ${charged}.`);
    }
    if (charged > due) throw new InvalidInputError('over-due', `Only ${due} is due: a card slip cannot be for more (${charged}).`);
    const tenderId = ids.next('P');
    const card = await terminal.charge({ tenderId, saleId, currency: sale.currency, amount: charged, ...(slip ? { slip } : {}) });
    // The sale may have moved while an integrated terminal waited for the card.
    sales.requireOpen(saleId);
    const tender = tenders.open(
      { tenderId, saleId, method: 'card', to: 'approved', currency: sale.currency, amount: charged, card },
      { sync: true },
    );
    sales.completeIfPaid(saleId);
    return { tender };
  }
}
