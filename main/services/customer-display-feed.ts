import type { DisplayStateView, EventHub } from '../../src/api/index.js';
import {
  type CustomerDisplay,
  type DisplayAction,
  type DisplayItem,
  type DisplayLanguage,
  type DisplayState,
  initialDisplayState,
  reduceDisplay,
} from '../../src/devices/customer-display.js';
import type { Money } from '../../src/money/index.js';
import type { PaymentQrDisplay, PaymentQrPresentation } from '../../src/payments/ports.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Logger } from '../../src/platform/logger.js';

/** Wallets whose customers read Chinese (REFERENCE.md: WeChat Pay, Alipay, UnionPay users). */
const CHINESE_WALLETS = new Set(['wechat-pay', 'alipay', 'unionpay']);

/**
 * What the customer display shows, kept in the main process so every display
 * (the second window, a tablet in browser mode, a serial pole display among
 * `mirrors`) shows the same thing. It is the payment engine's QR display port;
 * the cashier's screen sends the basket; results come from tender events.
 */
export class CustomerDisplayFeed implements PaymentQrDisplay {
  private state: DisplayState;
  private qrTenderId: string | undefined;
  private basket: { items: DisplayItem[]; total: Money } | undefined;
  /** The language was switched by the last customer's wallet, not by a person. */
  private walletLanguage = false;
  private readonly ticker: NodeJS.Timeout;

  constructor(
    private readonly deps: {
      events: EventHub;
      clock: Clock;
      logger: Logger;
      shopName: () => string;
      mirrors?: readonly CustomerDisplay[];
    },
  ) {
    this.state = initialDisplayState(deps.clock.now(), 'ko', deps.shopName() || undefined);
    // Once a second: an unpaid QR expires on screen, an old result returns to idle.
    this.ticker = setInterval(() => this.apply({ type: 'tick' }), 1000);
    this.ticker.unref();
  }

  current(): DisplayStateView {
    return { view: this.state.view, ...(this.state.shopName ? { shopName: this.state.shopName } : {}) };
  }

  /**
   * The basket as the cashier rings it up; an empty one shows the idle screen.
   * A payment QR stays up until its payment ends, and a result stays up for
   * its few seconds (the cart empties the moment a sale completes). The first
   * item of the next customer's basket undoes the last customer's wallet
   * language (a language someone chose with the button stays).
   */
  showBasket(items: DisplayItem[], total: Money): DisplayStateView {
    const previous = this.basket;
    this.basket = items.length > 0 ? { items, total } : undefined;
    if (this.qrTenderId) return this.current();
    if (!this.basket) return this.state.view.kind === 'result' ? this.current() : this.apply({ type: 'idle', shopName: this.deps.shopName() || undefined });
    if (!previous && this.walletLanguage) this.setLanguage('ko');
    return this.apply({ type: 'sale', ...this.basket });
  }

  setLanguage(language: DisplayLanguage): DisplayStateView {
    this.walletLanguage = false;
    return this.apply({ type: 'language', language });
  }

  /** A wallet was recognised (a scanned code, a paid QR): Chinese for Chinese wallets. */
  walletSeen(wallet: string | null | undefined): void {
    if (!wallet || !CHINESE_WALLETS.has(wallet) || this.state.view.language === 'zh') return;
    this.setLanguage('zh');
    this.walletLanguage = true;
  }

  showPaymentQr(p: PaymentQrPresentation): void {
    this.qrTenderId = p.tenderId;
    this.apply({ type: 'mpm', qrPayload: p.qrPayload, amount: { currency: p.currency, minor: p.amount }, expiresAt: p.expiresAt });
  }

  clearPaymentQr(tenderId: string): void {
    if (this.qrTenderId !== tenderId) return;
    this.qrTenderId = undefined;
    if (this.state.view.kind === 'mpm') this.apply(this.basket ? { type: 'sale', ...this.basket } : { type: 'idle' });
  }

  /** A payment ended: the customer sees the result for a few seconds. */
  showResult(outcome: 'approved' | 'declined' | 'cancelled', amount: Money): void {
    if (outcome === 'approved') this.basket = undefined;
    this.apply({ type: 'result', outcome, amount });
  }

  stop(): void {
    clearInterval(this.ticker);
  }

  private apply(action: DisplayAction): DisplayStateView {
    const next = reduceDisplay(this.state, action, this.deps.clock.now());
    if (next === this.state) return this.current();
    this.state = next;
    const view = this.current();
    this.deps.events.emit('display.changed', view);
    for (const mirror of this.deps.mirrors ?? []) {
      mirror.show(next.view).catch((err: unknown) => this.deps.logger.warn({ err, deviceId: mirror.deviceId }, 'customer display mirror failed'));
    }
    return view;
  }
}
