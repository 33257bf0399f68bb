import { create } from 'zustand';
import { ContractError } from '../../../src/api/errors.js';
import type { TenderChanged, TenderOutcomeView, TenderStateName } from '../../../src/api/schemas/payment.js';
import type { SaleStatus } from '../../../src/api/schemas/sale.js';
import { pos } from '../client.js';
import { cartTotals } from '../sale/cart-math.js';
import { playSound } from '../sounds.js';
import { useCart } from './cart-store.js';
import { useUi } from './ui-store.js';

/** What the payment side of the sale screen shows. */
export type Panel =
  | { kind: 'none' }
  | { kind: 'cpm'; busy: boolean }
  | { kind: 'mpm'; tenderId: string; offline: boolean; qrPayload: string | null; expiresAt: number | null; amount: number; cancelling: boolean }
  | { kind: 'cash' }
  | { kind: 'approved'; amount: number; change: number | null; receiptNumber: string | null; complete: boolean; pending: boolean }
  | { kind: 'declined'; reasonCode: string | null; reason: string | null }
  | { kind: 'unknown'; tenderId: string; stage: TenderStateName }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'confirm-cancel' };

const APPROVED: ReadonlySet<TenderStateName> = new Set(['approved', 'pending-confirmation']);
const UNSETTLED: ReadonlySet<TenderStateName> = new Set(['unknown', 'inquiring', 'reversing']);

interface PaymentState {
  /** The journaled sale of the cart (opened at the first payment). */
  sale: SaleStatus | null;
  /** The cart version the sale was opened for. */
  saleVersion: number;
  panel: Panel;
  /** Digits of a split payment's amount; empty means all that is due. */
  split: string;
  /** A payment whose outcome the engine is still resolving: no new code until it is settled. */
  settling: string | null;
  lastReceipt: { saleId: string; receiptNumber: string } | null;
  due(): number;
  setSplit(digits: string): void;
  startCpm(): void;
  payWithCode(code: string): Promise<void>;
  showQr(): Promise<void>;
  cancelQr(): Promise<void>;
  settleOfflineQr(customerPaid: boolean): Promise<void>;
  startCash(): void;
  takeCash(tendered: number): Promise<void>;
  /** Esc: steps back from whatever is open; on a bare sale it asks to cancel the sale. */
  cancel(): void;
  cancelSale(): Promise<void>;
  dismiss(): void;
  reprintLast(): Promise<void>;
  onTender(event: TenderChanged): void;
}

function refusal(error: unknown): Panel {
  if (error instanceof ContractError) return { kind: 'refused', code: error.code, message: error.message };
  return { kind: 'refused', code: 'internal', message: String(error) };
}

export const usePayment = create<PaymentState>()((set, get) => {
  const blocked = (): boolean => {
    if (!get().settling) return false;
    useUi.getState().notify({ key: 'payment.retryBlocked', tone: 'warning' });
    playSound('declined');
    return true;
  };
  const amountOf = (): number | undefined => {
    const split = Number(get().split || '0');
    return split > 0 && split < get().due() ? split : undefined;
  };
  /** The cart as a journaled sale: reused while the cart is unchanged, reopened when it changed. */
  const ensureSale = async (): Promise<SaleStatus | null> => {
    const cart = useCart.getState();
    const { sale, saleVersion } = get();
    if (sale?.state === 'open' && (saleVersion === cart.version || cart.locked)) return sale;
    if (sale?.state === 'open') void pos()['sale.abandon']({ saleId: sale.saleId, reason: 'cart changed' }).catch(() => undefined);
    if (cart.lines.length === 0) {
      useUi.getState().notify({ key: 'payment.nothingToPay', tone: 'info' });
      return null;
    }
    const opened = await pos()['sale.open']({
      lines: cart.lines.map((l) => ({
        name: l.weightGrams === undefined ? l.name : `${l.name} ${(l.weightGrams / 1000).toFixed(3)}kg`,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        tax: l.tax,
        ...(l.discount ? { discount: l.discount } : {}),
        ...(l.itemId ? { itemId: l.itemId } : {}),
      })),
      ...(cart.saleDiscount ? { saleDiscount: cart.saleDiscount } : {}),
    });
    set({ sale: opened, saleVersion: cart.version });
    return opened;
  };
  const complete = (sale: SaleStatus, amount: number, change: number | null, pending: boolean): void => {
    set({
      sale: null,
      split: '',
      settling: null,
      panel: { kind: 'approved', amount, change, receiptNumber: sale.receiptNumber, complete: true, pending },
      lastReceipt: sale.receiptNumber ? { saleId: sale.saleId, receiptNumber: sale.receiptNumber } : get().lastReceipt,
    });
    useCart.getState().clear();
  };
  /** Shows where a payment ended and what the sale still needs. */
  const finish = (outcome: TenderOutcomeView, change: number | null = null): void => {
    const { tender, sale } = outcome;
    set({ sale, settling: null });
    if (APPROVED.has(tender.state)) {
      playSound('approved');
      const pending = tender.state === 'pending-confirmation';
      if (sale.state === 'completed') return complete(sale, tender.amount, change, pending);
      useCart.getState().setLocked(true);
      set({ split: '', panel: { kind: 'approved', amount: tender.amount, change, receiptNumber: null, complete: false, pending } });
      return;
    }
    playSound('declined');
    set({ panel: { kind: 'declined', reasonCode: tender.reasonCode, reason: tender.reason } });
  };
  const run = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      playSound('declined');
      set({ panel: refusal(error) });
    }
  };

  return {
    sale: null,
    saleVersion: -1,
    panel: { kind: 'none' },
    split: '',
    settling: null,
    lastReceipt: null,
    due: () => {
      const { sale } = get();
      if (sale?.state === 'open') return sale.balance.due;
      const { lines, saleDiscount } = useCart.getState();
      return cartTotals(lines, saleDiscount).total;
    },
    setSplit: (digits) => set({ split: digits.replace(/\D/g, '').slice(0, 10) }),
    startCpm: () => {
      if (blocked()) return;
      if (get().due() <= 0) return useUi.getState().notify({ key: 'payment.nothingToPay', tone: 'info' });
      set({ panel: { kind: 'cpm', busy: false } });
    },
    payWithCode: (code) =>
      run(async () => {
        const { panel } = get();
        if (blocked()) return;
        if (panel.kind === 'cpm' && panel.busy) {
          useUi.getState().notify({ key: 'payment.busy', tone: 'warning' });
          return;
        }
        const amount = amountOf();
        const sale = await ensureSale();
        if (!sale) return;
        set({ panel: { kind: 'cpm', busy: true } });
        finish(await pos()['payment.payByCode']({ saleId: sale.saleId, code, ...(amount ? { amount } : {}) }));
      }),
    showQr: () =>
      run(async () => {
        if (blocked()) return;
        const amount = amountOf();
        const sale = await ensureSale();
        if (!sale) return;
        const session = await pos()['payment.showQr']({ saleId: sale.saleId, ...(amount ? { amount } : {}) });
        set({
          sale: session.sale,
          panel: {
            kind: 'mpm',
            tenderId: session.tenderId,
            offline: session.offline,
            qrPayload: session.qrPayload,
            expiresAt: session.expiresAt,
            amount: amount ?? sale.balance.due,
            cancelling: false,
          },
        });
      }),
    cancelQr: () =>
      run(async () => {
        const { panel } = get();
        if (panel.kind !== 'mpm') return;
        if (panel.offline) return get().settleOfflineQr(false);
        set({ panel: { ...panel, cancelling: true } });
        await pos()['payment.cancelQr']({ tenderId: panel.tenderId });
      }),
    settleOfflineQr: (customerPaid) =>
      run(async () => {
        const { panel } = get();
        if (panel.kind !== 'mpm') return;
        const outcome = await pos()['payment.settleOfflineQr']({ tenderId: panel.tenderId, customerPaid });
        if (customerPaid) return finish(outcome);
        set({ sale: outcome.sale, panel: { kind: 'none' } });
        useUi.getState().notify({ key: 'payment.qrCancelled', tone: 'info' });
      }),
    startCash: () => {
      if (get().due() <= 0) return useUi.getState().notify({ key: 'payment.nothingToPay', tone: 'info' });
      set({ panel: { kind: 'cash' } });
    },
    takeCash: (tendered) =>
      run(async () => {
        const sale = await ensureSale();
        if (!sale) return;
        const outcome = await pos()['payment.cash']({ saleId: sale.saleId, tendered });
        finish(outcome, outcome.change);
      }),
    cancel: () => {
      const { panel } = get();
      switch (panel.kind) {
        case 'mpm':
          return void get().cancelQr();
        case 'unknown':
          return useUi.getState().notify({ key: 'payment.unknownWait', tone: 'warning' });
        case 'cpm':
          if (panel.busy) return;
          return set({ panel: { kind: 'none' } });
        case 'none':
          if (useCart.getState().entry) return useCart.getState().clearEntry();
          if (useCart.getState().lines.length > 0) set({ panel: { kind: 'confirm-cancel' } });
          return;
        default:
          return set({ panel: { kind: 'none' } });
      }
    },
    cancelSale: () =>
      run(async () => {
        const { sale } = get();
        if (sale?.state === 'open') await pos()['sale.abandon']({ saleId: sale.saleId, reason: 'cancelled at the counter' });
        useCart.getState().clear();
        useCart.getState().clearEntry();
        set({ sale: null, split: '', panel: { kind: 'none' } });
      }),
    dismiss: () => {
      if (get().panel.kind !== 'unknown') set({ panel: { kind: 'none' } });
    },
    reprintLast: async () => {
      const last = get().lastReceipt;
      const notify = useUi.getState().notify;
      if (!last) return notify({ key: 'payment.noReceiptYet', tone: 'info' });
      try {
        const printed = await pos()['history.reprint']({ saleId: last.saleId });
        notify({ key: `print.${printed.state}`, values: { receipt: last.receiptNumber }, tone: printed.state === 'printed' ? 'info' : 'warning' });
      } catch (error) {
        notify({ key: 'errors.generic', fallback: (error as Error).message, tone: 'error' });
      }
    },
    onTender: (event) => {
      const { sale, panel } = get();
      if (!sale || event.saleId !== sale.saleId) return;
      if (event.method === 'cpm' && UNSETTLED.has(event.to)) {
        set({ settling: event.tenderId, panel: { kind: 'unknown', tenderId: event.tenderId, stage: event.to } });
        return;
      }
      if (panel.kind !== 'mpm' || panel.tenderId !== event.tenderId) return;
      if (APPROVED.has(event.to) || event.to === 'declined' || event.to === 'reversed') {
        void run(async () => {
          const status = await pos()['sale.status']({ saleId: sale.saleId });
          if (event.reasonCode === 'CASHIER_ABORT') {
            set({ sale: status, panel: { kind: 'none' } });
            return useUi.getState().notify({ key: 'payment.qrCancelled', tone: 'info' });
          }
          const tender = {
            tenderId: event.tenderId, saleId: event.saleId, method: event.method, state: event.to, currency: status.currency,
            amount: event.amount, refunded: 0, wallet: null, maskedCode: null, reasonCode: event.reasonCode ?? null,
            reason: event.reason ?? null, expiresAt: null,
          };
          finish({ tender, sale: status });
        });
      }
    },
  };
});
