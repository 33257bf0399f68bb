import { describe, expect, it } from 'vitest';
import { type DisplayStateView, createEventHub } from '../../../src/api/index.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { silentLogger } from '../../../src/platform/logger.js';
import { CustomerDisplayFeed } from '../../../main/services/customer-display-feed.js';

function feed() {
  const events = createEventHub({ validate: true, logger: silentLogger });
  const seen: DisplayStateView[] = [];
  events.subscribe((event, payload) => event === 'display.changed' && seen.push(payload as DisplayStateView));
  const clock = new ManualClock();
  const display = new CustomerDisplayFeed({ events, clock, logger: silentLogger, shopName: () => '한강분식' });
  return { display, seen, clock };
}

const won = (minor: number) => ({ currency: 'KRW', minor });
const item = { name: '아메리카노', quantity: 1, amount: won(4_500) };

describe('the customer display feed', () => {
  it('keeps the payment QR up while the basket changes, then shows the result', () => {
    const { display } = feed();
    display.showBasket([item], won(4_500));
    display.showPaymentQr({ tenderId: 'P1', qrPayload: '000201', currency: 'KRW', amount: 4_500, expiresAt: Date.now() + 60_000, offline: false });
    display.showBasket([item, item], won(9_000));
    expect(display.current().view.kind).toBe('mpm');
    display.showResult('approved', won(4_500));
    display.clearPaymentQr('P1');
    display.showBasket([], won(0)); // the cart empties as the sale completes
    expect(display.current().view).toMatchObject({ kind: 'result', outcome: 'approved' });
    display.stop();
  });

  it("speaks Chinese for a WeChat Pay customer, and Korean again for the next one unless someone chose", () => {
    const { display } = feed();
    display.showBasket([item], won(4_500));
    display.walletSeen('wechat-pay');
    expect(display.current().view.language).toBe('zh');
    display.showResult('approved', won(4_500));
    display.showBasket([], won(0));
    display.showBasket([item], won(4_500));
    expect(display.current().view.language).toBe('ko');

    display.setLanguage('en'); // the customer's own button
    display.showResult('approved', won(4_500));
    display.showBasket([], won(0));
    display.showBasket([item], won(4_500));
    expect(display.current().view.language).toBe('en');
    display.walletSeen('zeropay');
    expect(display.current().view.language).toBe('en');
    display.stop();
  });

  it('announces every change to every window, with the shop name for the idle screen', () => {
    const { display, seen } = feed();
    display.showBasket([item], won(4_500));
    display.showBasket([item], won(4_500));
    expect(seen.map((s) => s.view.kind)).toEqual(['sale', 'sale']);
    expect(seen[0]!.shopName).toBe('한강분식');
    display.stop();
  });
});
