import { mulberry32 } from '../../sandbox/faults.js';
import { GatewayUnreachableError, type RelayGateway } from '../../src/relay/gateway.js';
import type { PayRequest } from '../../src/relay/protocol.js';
import { paymentCode } from './fixture.js';

/** How the till ended a payment, by the driver's own account. */
export type TillOutcome = 'SUCCESS' | 'FAIL' | 'CANCELLED';

/** Which fault each kind of request may meet, with its probability. */
const FAULTS: Record<string, Array<[fault: string, probability: number]>> = {
  pay: [
    ['drop-after', 0.1],
    ['drop-before', 0.05],
    ['timeout', 0.05],
    ['server-error', 0.05],
    ['server-error-after', 0.05],
    ['latency=20', 0.05],
  ],
  // Often enough that both inquiries of some committed payments are lost, so
  // the till must cancel a payment that was in fact charged (a reversal).
  inquiry: [
    ['drop-after', 0.15],
    ['drop-before', 0.08],
    ['server-error', 0.07],
  ],
  cancel: [
    ['drop-after', 0.15],
    ['drop-before', 0.05],
    ['server-error-after', 0.05],
    ['timeout', 0.05],
  ],
};

/** Payment codes: mostly plain successes, with every magic behaviour mixed in. */
const CODE_MIX: Array<[suffix: string, probability: number]> = [
  ['0051', 0.04],
  ['0005', 0.04],
  ['0091', 0.08],
  ['0092', 0.04],
  ['0068', 0.05],
  ['0096', 0.05],
];

/** FNV-1a of `text`: a stable number per payment and attempt. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * A seeded plan of codes per payment and faults per request. Each draw
 * depends only on the seed, the payment and the attempt number, not on how
 * the concurrent workers interleave, so a failing seed can be replayed.
 */
export class ChaosPlan {
  readonly injected: Record<string, number> = {};
  private readonly attempts = new Map<string, number>();

  constructor(private readonly seed: number) {}

  private draw(key: string): () => number {
    return mulberry32(this.seed ^ hash(key));
  }

  /** The X-Sandbox-Fault for a request to `url` carrying `body`, or none. */
  faultFor(url: string, body: string): string | undefined {
    const operation = url.endsWith('/v1/payments/pay')
      ? 'pay'
      : url.endsWith('/inquiry')
        ? 'inquiry'
        : url.endsWith('/cancel')
          ? 'cancel'
          : '';
    const id = /"paymentRequestId":"([^"]+)"/.exec(body)?.[1] ?? '';
    const attemptKey = `${id}/${operation}`;
    const attempt = (this.attempts.get(attemptKey) ?? 0) + 1;
    this.attempts.set(attemptKey, attempt);
    const draw = this.draw(`${attemptKey}/${attempt}`)();
    let edge = 0;
    for (const [fault, probability] of FAULTS[operation] ?? []) {
      edge += probability;
      if (draw < edge) {
        const key = `${operation}:${fault}`;
        this.injected[key] = (this.injected[key] ?? 0) + 1;
        return fault;
      }
    }
    return undefined;
  }

  /** The i-th payment's request. */
  payment(i: number): PayRequest {
    const random = this.draw(`payment/${i}`);
    const draw = random();
    let edge = 0;
    let suffix = '7777';
    for (const [magic, probability] of CODE_MIX) {
      edge += probability;
      if (draw < edge) {
        suffix = magic;
        break;
      }
    }
    const wallets = ['wechat-pay', 'alipay', 'zeropay', 'unionpay'] as const;
    return {
      paymentRequestId: `chaos-${i.toString().padStart(5, '0')}`,
      amount: { currency: 'KRW', value: String(1_000 + Math.floor(random() * 99) * 100) },
      paymentCode: paymentCode(wallets[i % wallets.length]!, suffix),
      orderTitle: `chaos sale ${i}`,
    };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What a careful till does with one payment (design: "Payments"): pay; on U
 * or no answer inquire a few times; if still unknown, cancel (망취소) and
 * repeat the cancel until the gateway answers S. Never a second pay.
 */
export async function settlePayment(
  gateway: RelayGateway,
  request: PayRequest,
  options: { inquiries: number; pauseMs: number },
): Promise<TillOutcome> {
  const answer = await gateway.pay(request).catch(unreachable);
  if (answer?.result.status === 'S') return 'SUCCESS';
  if (answer?.result.status === 'F') return 'FAIL';

  for (let i = 0; i < options.inquiries; i++) {
    await sleep(options.pauseMs);
    const inquiry = await gateway.inquire(request.paymentRequestId).catch(unreachable);
    if (!inquiry) continue;
    if (inquiry.result.code === 'PAYMENT_NOT_FOUND') break;
    const status = inquiry.payment?.status;
    if (status === 'SUCCESS' || status === 'FAIL' || status === 'CANCELLED') return status;
  }

  for (;;) {
    const cancel = await gateway
      .cancel({ paymentRequestId: request.paymentRequestId, reason: 'NETWORK_CANCELLATION' })
      .catch(unreachable);
    if (cancel?.result.status === 'S')
      return cancel.payment?.status === 'FAIL' ? 'FAIL' : 'CANCELLED';
    // Too early for the wallet (WeChat Pay: 15 s after the order) or recall=Y: send it again later.
    if (cancel?.result.status === 'F' && cancel.result.code !== 'CANCEL_TOO_EARLY')
      throw new Error(`cancel refused: ${cancel.result.code} ${cancel.result.message}`);
    await sleep(options.pauseMs);
  }
}

function unreachable(error: unknown): undefined {
  if (error instanceof GatewayUnreachableError) return undefined;
  throw error;
}
