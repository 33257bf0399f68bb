import { create } from 'zustand';
import { ContractError } from '../../../src/api/errors.js';
import type { CheckoutOutcomeView, CheckoutStateView } from '../../../src/api/schemas/checkout.js';
import type { TenderStateName } from '../../../src/api/schemas/payment.js';
import { pos } from '../client.js';
import { playSound } from '../sounds.js';
import { OpenPriceOverLimit, useCheckout } from './checkout-store.js';
import { withManagerPin } from './pin-prompt-store.js';
import { useUi } from './ui-store.js';

/** What the payment side of the sale screen shows. */
export type Panel =
  | { kind: 'none' }
  | { kind: 'cpm'; busy: boolean }
  | { kind: 'mpm'; offline: boolean; qrPayload: string | null; expiresAt: number | null; amount: number; cancelling: boolean }
  | { kind: 'cash' }
  | { kind: 'card' }
  | { kind: 'approved'; method: CheckoutOutcomeView['method']; amount: number; change: number | null; receiptNumber: string | null; complete: boolean; pending: boolean }
  | { kind: 'declined'; reasonCode: string | null; reason: string | null }
  | { kind: 'unknown'; stage: TenderStateName; password: boolean }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'confirm-cancel' }
  /** The core refused an open-price line over the till's limit until the cashier confirms its amount. */
  | { kind: 'confirm-open-price'; name: string; amount: number };

/** What only this screen decides: the step the cashier opened (waiting for a scan, cash, confirm), or a refusal. */
type LocalStep = Extract<Panel, { kind: 'none' | 'cpm' | 'cash' | 'card' | 'confirm-cancel' | 'confirm-open-price' | 'refused' }>;

/** 현금영수증 the cashier fills in beside the cash: the customer's number or 자진발급, and 용도. */
export interface CashReceiptAskEntry {
  identifier: string;
  purpose: 'deduction' | 'expense-proof';
  selfIssue: boolean;
}

/** The ask as the core takes it, or none when nothing was filled in. */
function askOf(entry: CashReceiptAskEntry): { identifier?: string; purpose: CashReceiptAskEntry['purpose']; selfIssue?: true } | undefined {
  if (entry.selfIssue) return { selfIssue: true, purpose: 'deduction' };
  const identifier = entry.identifier.trim();
  return identifier ? { identifier, purpose: entry.purpose } : undefined;
}

const NO_ASK: CashReceiptAskEntry = { identifier: '', purpose: 'deduction', selfIssue: false };

/** What the cashier keyed from the card terminal's slip. */
export interface CardSlipEntry {
  amount: number;
  approvalNumber: string;
  cardCompany: string | null;
  installmentMonths: number;
}

const UNSETTLED: ReadonlySet<TenderStateName> = new Set(['unknown', 'inquiring', 'reversing']);
/** Refusals the cashier only needs a word about; the panel they were on stays. */
const NOTICE_ONLY: Record<string, string> = {
  'tender-in-flight': 'payment.retryBlocked',
  'nothing-to-pay': 'payment.nothingToPay',
  'sale-locked': 'errors.sale-locked',
};

/**
 * The panel for a session state: the tender in flight first (the core's),
 * then how the last one ended (until dismissed), then the cashier's own step.
 */
export function panelFor(session: CheckoutStateView | null, local: LocalStep, cancelling: boolean): Panel {
  const tender = session?.tender;
  if (tender) {
    if (tender.method === 'cpm' && tender.state && UNSETTLED.has(tender.state)) {
      return { kind: 'unknown', stage: tender.state, password: tender.waiting === 'password' };
    }
    if (tender.qr) {
      const { offline, qrPayload, expiresAt } = tender.qr;
      return { kind: 'mpm', offline, qrPayload, expiresAt, amount: tender.amount ?? 0, cancelling };
    }
    if (tender.method === 'cpm') return { kind: 'cpm', busy: true };
  }
  if (local.kind === 'refused') return local;
  const outcome = session?.outcome;
  if (outcome?.kind === 'approved') {
    const { method, amount, change, receiptNumber, complete, pending } = outcome;
    return { kind: 'approved', method, amount, change, receiptNumber, complete, pending };
  }
  if (outcome?.kind === 'declined') return { kind: 'declined', reasonCode: outcome.reasonCode, reason: outcome.reason };
  return local;
}

interface TenderStore {
  local: LocalStep;
  cancelling: boolean;
  panel: Panel;
  /** What is still due on the sale (the cart's total before the first payment). */
  due(): number;
  /** The session published a state: the panel follows it, with a sound for an outcome. */
  follow(previous: CheckoutStateView | null, next: CheckoutStateView): void;
  setPart(digits: string): Promise<void>;
  startCpm(): void;
  payByCode(code: string): Promise<void>;
  showQr(): Promise<void>;
  cancelQr(): Promise<void>;
  settleOfflineQr(customerPaid: boolean): Promise<void>;
  startCash(): void;
  takeCash(tendered: number): Promise<void>;
  /** The 현금영수증 being filled in (sent with the cash, or right after the sale). */
  cashReceipt: CashReceiptAskEntry;
  setCashReceipt(change: Partial<CashReceiptAskEntry>): void;
  issueCashReceipt(): Promise<void>;
  startCard(): void;
  recordCardSlip(slip: CardSlipEntry): Promise<void>;
  /** Esc: steps back from whatever is open; on a bare sale it asks to cancel the sale. */
  cancel(): void;
  cancelSale(): Promise<void>;
  /** Adds the open-price line the cashier confirmed. */
  confirmOpenPrice(): Promise<void>;
  dismiss(): void;
  reprintLast(): Promise<void>;
  /** Shows a refusal of the core (a ContractError) or any other failure. */
  refused(error: unknown): void;
}

export const useTender = create<TenderStore>()((set, get) => {
  const session = (): CheckoutStateView | null => useCheckout.getState().session;
  const setLocal = (local: LocalStep, cancelling = get().cancelling): void =>
    set({ local, cancelling, panel: panelFor(session(), local, cancelling) });
  const run = async (work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      get().refused(error);
    }
  };
  return {
    local: { kind: 'none' },
    cancelling: false,
    panel: { kind: 'none' },
    due: () => {
      const s = session();
      return s?.sale?.state === 'open' ? s.sale.balance.due : (s?.totals.total ?? 0);
    },
    follow: (previous, next) => {
      const outcome = next.outcome;
      if (outcome && outcome.tenderId !== (previous?.outcome && 'tenderId' in previous.outcome ? previous.outcome.tenderId : null)) {
        if (outcome.kind === 'approved') playSound('approved');
        else if (outcome.kind === 'declined') playSound('declined');
        else useUi.getState().notify({ key: 'payment.qrCancelled', tone: 'info' });
      }
      if (next.refusal && next.refusal.seq !== previous?.refusal?.seq) get().refused(new ContractError(next.refusal.code, next.refusal.message));
      // A scan on another screen pays (or is refused) on the sale screen, where the cashier sees it.
      const scanned = (next.tender && !previous?.tender) || (next.refusal && next.refusal.seq !== previous?.refusal?.seq);
      if (scanned && useUi.getState().screen !== 'sale') useUi.getState().show('sale');
      const local = next.tender || (outcome && outcome !== previous?.outcome) ? ({ kind: 'none' } as const) : get().local;
      set({ local, cancelling: next.tender ? get().cancelling : false, panel: panelFor(next, local, next.tender ? get().cancelling : false) });
    },
    setPart: (digits) =>
      run(async () => {
        const amount = Number(digits.replace(/\D/g, '').slice(0, 10) || '0');
        useCheckout.getState().receive(await pos()['checkout.setPart']({ amount: amount > 0 ? amount : null }));
      }),
    startCpm: () => {
      if (session()?.tender) {
        useUi.getState().notify({ key: 'payment.retryBlocked', tone: 'warning' });
        return playSound('declined');
      }
      if (get().due() <= 0) return useUi.getState().notify({ key: 'payment.nothingToPay', tone: 'info' });
      setLocal({ kind: 'cpm', busy: false });
    },
    payByCode: (code) => run(async () => useCheckout.getState().receive(await pos()['checkout.payByCode']({ code }))),
    showQr: () => run(async () => useCheckout.getState().receive(await pos()['checkout.showQr']())),
    cancelQr: () =>
      run(async () => {
        setLocal(get().local, true);
        useCheckout.getState().receive(await pos()['checkout.cancelQr']());
      }),
    settleOfflineQr: (customerPaid) =>
      run(async () => {
        const settle = pos()['checkout.settleOfflineQr'];
        // "Paid" completes the sale on the cashier's word: the core wants a manager's PIN for it.
        const state = customerPaid
          ? await withManagerPin('pinPrompt.purpose.offlineQrPaid', (managerPin) => settle({ customerPaid: true, managerPin }))
          : await settle({ customerPaid: false });
        useCheckout.getState().receive(state);
      }),
    startCash: () => {
      if (session()?.tender) return useUi.getState().notify({ key: 'errors.tender-in-flight', tone: 'warning' });
      if (get().due() <= 0) return useUi.getState().notify({ key: 'payment.nothingToPay', tone: 'info' });
      setLocal({ kind: 'cash' });
    },
    takeCash: (tendered) =>
      run(async () => {
        const cashReceipt = askOf(get().cashReceipt);
        useCheckout.getState().receive(await pos()['checkout.cash']({ tendered, ...(cashReceipt ? { cashReceipt } : {}) }));
        set({ cashReceipt: NO_ASK });
      }),
    cashReceipt: NO_ASK,
    setCashReceipt: (change) => set({ cashReceipt: { ...get().cashReceipt, ...change } }),
    issueCashReceipt: () =>
      run(async () => {
        const ask = askOf(get().cashReceipt);
        if (!ask) return;
        useCheckout.getState().receive(await pos()['checkout.cashReceipt'](ask));
        set({ cashReceipt: NO_ASK });
        useUi.getState().notify({ key: 'payment.cashReceiptAsked', tone: 'info' });
      }),
    startCard: () => {
      if (session()?.tender) return useUi.getState().notify({ key: 'errors.tender-in-flight', tone: 'warning' });
      if (get().due() <= 0) return useUi.getState().notify({ key: 'payment.nothingToPay', tone: 'info' });
      setLocal({ kind: 'card' });
    },
    recordCardSlip: (slip) => run(async () => useCheckout.getState().receive(await pos()['checkout.cardSlip'](slip))),
    cancel: () => {
      const { panel } = get();
      const checkout = useCheckout.getState();
      switch (panel.kind) {
        case 'mpm':
          return void get().cancelQr();
        case 'unknown':
          return useUi.getState().notify({ key: 'payment.unknownWait', tone: 'warning' });
        case 'cpm':
          if (panel.busy) return;
          return setLocal({ kind: 'none' });
        case 'none':
          if (checkout.entry) return checkout.clearEntry();
          if ((checkout.session?.lines.length ?? 0) > 0) setLocal({ kind: 'confirm-cancel' });
          return;
        default:
          return get().dismiss();
      }
    },
    cancelSale: () =>
      run(async () => {
        useCheckout.getState().clearEntry();
        setLocal({ kind: 'none' });
        useCheckout.getState().receive(await pos()['checkout.cancelSale']());
      }),
    confirmOpenPrice: () =>
      run(async () => {
        const { panel } = get();
        if (panel.kind !== 'confirm-open-price') return;
        setLocal({ kind: 'none' });
        await useCheckout.getState().addOpenPrice(panel.name, panel.amount, true);
      }),
    dismiss: () => {
      if (get().panel.kind === 'unknown') return;
      setLocal({ kind: 'none' });
      if (session()?.outcome || session()?.refusal) void run(async () => useCheckout.getState().receive(await pos()['checkout.dismiss']()));
    },
    reprintLast: async () => {
      const last = session()?.lastReceipt;
      const notify = useUi.getState().notify;
      if (!last) return notify({ key: 'payment.noReceiptYet', tone: 'info' });
      try {
        const printed = await pos()['history.reprint']({ saleId: last.saleId });
        notify({ key: `print.${printed.state}`, values: { receipt: last.receiptNumber }, tone: printed.state === 'printed' ? 'info' : 'warning' });
      } catch (error) {
        notify({ key: 'errors.generic', fallback: (error as Error).message, tone: 'error' });
      }
    },
    refused: (error) => {
      const code = error instanceof ContractError ? error.code : 'internal';
      // The cashier closed a PIN prompt: nothing was refused, the panel stays as it was.
      if (code === 'pin-cancelled') return;
      playSound('declined');
      const message = error instanceof ContractError ? error.message : String(error);
      const notice = NOTICE_ONLY[code];
      if (notice) return useUi.getState().notify({ key: notice, tone: 'warning' });
      if (error instanceof OpenPriceOverLimit) return setLocal({ kind: 'confirm-open-price', name: error.lineName, amount: error.amount });
      setLocal({ kind: 'refused', code, message });
    },
  };
});
