import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { CRASH_MERCHANT } from '../../main/chaos/crash-till.js';
import { buildDynamicMpm } from '../../src/codes/index.js';
import { GENESIS_HASH, recordHash } from '../../src/ledger/index.js';
import { money } from '../../src/money/index.js';
import type { SandboxGateway } from '../../sandbox/index.js';
import { GatewayUnreachableError } from '../../src/relay/gateway.js';
import type { JournalUploadRecord, PaymentStatus } from '../../src/relay/protocol.js';
import type { RelayClient } from '../../src/relay/relay-client.js';

/**
 * The seven relay operations of the gateway fault matrix, each as a small
 * scene: what must exist first (faults off), the faulted call, and what a
 * till does afterwards (faults off): resolve an unknown outcome the way
 * docs/relay-protocol.md prescribes (inquire, then cancel), then send the
 * same request again with the same idempotency key, as a retry would.
 */

/** What a call came back with: a result status, or no answer at all. */
export type Outcome = 'S' | 'F' | 'U' | 'unreachable';

export interface CallOutcome {
  outcome: Outcome;
  code: string;
}

/** One cell's terminal, client and gateway. */
export interface SceneContext {
  client: RelayClient;
  gateway: SandboxGateway;
  terminalId: string;
  /** A request id unique to this cell. */
  id(label: string): string;
  /** Problems that are not visible in the ledger (a replay accepted twice, a journal record lost). */
  problems: string[];
}

export interface Scene {
  /** Runs before the fault is switched on. */
  prepare(ctx: SceneContext): Promise<void>;
  /** The faulted call. */
  perform(ctx: SceneContext): Promise<CallOutcome>;
  /** Runs after the fault is switched off: the till's recovery, then a replay. */
  recover(ctx: SceneContext, first: CallOutcome): Promise<void>;
}

const AMOUNT = { currency: 'KRW', value: '4500' };
/**
 * Answers that mean "ask again later", never a refusal: WeChat Pay's earliest reverse and its
 * asynchronous refunds. The till waits them out (src/payments/refund-attempt.ts); so do the scenes.
 */
const LATER: ReadonlySet<string> = new Set(['CANCEL_TOO_EARLY', 'REFUND_IN_PROCESS']);
const PATIENCE_MS = 20_000;
const ASK_AGAIN_MS = 100;

/** Sends `call` again while its answer means "later", for at most PATIENCE_MS. */
async function waitedOut(call: () => Promise<CallOutcome>): Promise<CallOutcome> {
  const deadline = Date.now() + PATIENCE_MS;
  let got = await call();
  while (LATER.has(got.code) && Date.now() < deadline) {
    await delay(ASK_AGAIN_MS);
    got = await call();
  }
  return got;
}
let codeCounter = 0;
/** A WeChat Pay-shaped code that the sandbox pays at once (no magic suffix). */
const paymentCode = () => `13${String(++codeCounter).padStart(12, '0')}7777`;

/** Awaits a relay call and classifies it; anything but an unreachable gateway is a client bug and rethrown. */
export async function classify(
  call: Promise<{ result: { status: string; code: string } }>,
): Promise<CallOutcome> {
  try {
    const answer = await call;
    return { outcome: answer.result.status as Outcome, code: answer.result.code };
  } catch (error) {
    if (error instanceof GatewayUnreachableError)
      return { outcome: 'unreachable', code: error.kind };
    throw error;
  }
}

const FINAL: ReadonlySet<PaymentStatus> = new Set(['SUCCESS', 'FAIL', 'CANCELLED']);

/**
 * What a till does with a payment whose outcome it does not know: inquire;
 * still PROCESSING or never seen: network cancellation (망취소), repeated
 * until acknowledged. Returns the status the till ends up believing.
 */
export async function resolveUnknown(
  ctx: SceneContext,
  paymentRequestId: string,
): Promise<PaymentStatus | 'CLOSED'> {
  const inquiry = await ctx.client.inquire(paymentRequestId);
  const status = inquiry.payment?.status;
  if (status && FINAL.has(status)) return status;
  for (let attempt = 0; attempt < 5; attempt++) {
    const cancel = await classify(
      ctx.client.cancel({ paymentRequestId, reason: 'NETWORK_CANCELLATION' }),
    );
    if (cancel.outcome === 'S') return 'CLOSED';
  }
  ctx.problems.push(`${paymentRequestId}: network cancellation never acknowledged`);
  return 'PROCESSING';
}

async function paid(ctx: SceneContext, label: string): Promise<string> {
  const paymentRequestId = ctx.id(label);
  const answer = await ctx.client.pay({
    paymentRequestId,
    amount: AMOUNT,
    paymentCode: paymentCode(),
    orderTitle: 'Americano',
  });
  if (answer.result.status !== 'S') throw new Error(`setup pay answered ${answer.result.code}`);
  return paymentRequestId;
}

/** A repeat with the same idempotency key must answer like the first success did. */
function expectSuccess(ctx: SceneContext, what: string, got: CallOutcome): void {
  if (got.outcome !== 'S') ctx.problems.push(`${what}: answered ${got.outcome} ${got.code}`);
}

const payScene = (): Scene => {
  let request: Parameters<RelayClient['pay']>[0];
  return {
    prepare: async (ctx) => {
      request = {
        paymentRequestId: ctx.id('pay'),
        amount: AMOUNT,
        paymentCode: paymentCode(),
        orderTitle: 'Latte',
      };
    },
    perform: (ctx) => classify(ctx.client.pay(request)),
    recover: async (ctx, first) => {
      const belief =
        first.outcome === 'S'
          ? 'SUCCESS'
          : first.outcome === 'F'
            ? 'FAIL'
            : await resolveUnknown(ctx, request.paymentRequestId);
      const booked = ctx.gateway
        .ledger(ctx.terminalId)
        .payments.find((p) => p.paymentRequestId === request.paymentRequestId);
      const agrees =
        belief === 'CLOSED' ? !booked || booked.status === 'CANCELLED' : booked?.status === belief;
      if (!agrees)
        ctx.problems.push(`till believes ${belief}, gateway booked ${booked?.status ?? 'nothing'}`);
      // A pay stuck in a proxy arrives late: one charge at most, never a second.
      await classify(ctx.client.pay(request));
    },
  };
};

const orderCodeScene = (): Scene => {
  let request: Parameters<RelayClient['createOrderCode']>[0];
  return {
    prepare: async (ctx) => {
      const paymentRequestId = ctx.id('order');
      request = {
        paymentRequestId,
        amount: AMOUNT,
        orderTitle: 'Bingsu',
        billNumber: paymentRequestId.slice(-20),
        expireSeconds: 120,
      };
    },
    perform: (ctx) => classify(ctx.client.createOrderCode(request)),
    recover: async (ctx) => {
      const again = await classify(ctx.client.createOrderCode(request));
      if (again.outcome !== 'S') {
        await classify(
          ctx.client.cancel({
            paymentRequestId: request.paymentRequestId,
            reason: 'CASHIER_ABORT',
          }),
        );
        return;
      }
      const customer = {
        paymentRequestId: request.paymentRequestId,
        terminalId: ctx.terminalId,
        wallet: 'zeropay' as const,
      };
      const first = ctx.gateway.customer.pay(customer);
      if (first.result.status !== 'S')
        ctx.problems.push(`customer could not pay the order code: ${first.result.code}`);
      const second = ctx.gateway.customer.pay(customer);
      if (second.result.status === 'S') ctx.problems.push('an order code was paid twice');
    },
  };
};

const inquiryScene = (): Scene => {
  let paymentRequestId = '';
  return {
    prepare: async (ctx) => void (paymentRequestId = await paid(ctx, 'inq')),
    perform: (ctx) => classify(ctx.client.inquire(paymentRequestId)),
    recover: async (ctx) => {
      const answer = await ctx.client.inquire(paymentRequestId);
      if (answer.payment?.status !== 'SUCCESS')
        ctx.problems.push(`inquiry after the fault says ${answer.payment?.status}`);
    },
  };
};

const cancelScene = (): Scene => {
  let paymentRequestId = '';
  return {
    prepare: async (ctx) => void (paymentRequestId = await paid(ctx, 'void')),
    perform: (ctx) => classify(ctx.client.cancel({ paymentRequestId, reason: 'VOID' })),
    recover: async (ctx) => {
      const cancel = () => classify(ctx.client.cancel({ paymentRequestId, reason: 'VOID' }));
      expectSuccess(ctx, 'cancel after the fault', await waitedOut(cancel));
      // The till repeats a cancel until it is acknowledged; each repeat must not reverse twice.
      for (let i = 0; i < 2; i++) expectSuccess(ctx, 'repeated cancel', await cancel());
    },
  };
};

const refundScene = (): Scene => {
  let request: Parameters<RelayClient['refund']>[0];
  return {
    prepare: async (ctx) => {
      request = {
        refundRequestId: ctx.id('refund'),
        paymentRequestId: await paid(ctx, 'rfpay'),
        amount: { currency: 'KRW', value: '1500' },
      };
    },
    perform: (ctx) => classify(ctx.client.refund(request)),
    recover: async (ctx) => {
      const refund = () => classify(ctx.client.refund(request));
      expectSuccess(ctx, 'refund after the fault', await waitedOut(refund));
      for (let i = 0; i < 2; i++) expectSuccess(ctx, 'repeated refund', await refund());
    },
  };
};

const journalScene = (): Scene => {
  let records: JournalUploadRecord[] = [];
  return {
    prepare: async (ctx) => {
      const kinds = ['sale.completed', 'cash-receipt.requested', 'cash.in'];
      let prev = { seq: 0, hash: GENESIS_HASH };
      records = kinds.map((kind, i) => {
        const content = { recordId: randomUUID(), seq: i + 1, kind, aggregateId: `J${i}`, at: Date.now(), body: { terminalId: ctx.terminalId, n: i } };
        const hash = recordHash(prev.hash, content);
        const record = { ...content, at: new Date(content.at).toISOString(), prevHash: prev.hash, hash };
        prev = { seq: record.seq, hash };
        return record;
      });
    },
    perform: (ctx) => classify(ctx.client.uploadJournal(records)),
    recover: async (ctx) => {
      // The outbox drains until acknowledged; then a replay must find every record applied once.
      let approval: string | undefined;
      for (let i = 0; i < 3; i++) {
        const answer = await ctx.client.uploadJournal(records);
        const receipt = answer.acks.find((a) => a.recordId === records[1]!.recordId);
        const number = receipt?.detail?.approvalNumber;
        if (approval !== undefined && number !== approval)
          ctx.problems.push(`cash receipt issued twice: ${approval} then ${number}`);
        approval ??= number;
        if (i === 0) continue;
        for (const ack of answer.acks) {
          if (ack.status !== 'DUPLICATE')
            ctx.problems.push(`journal record ${ack.recordId}: replay answered ${ack.status}`);
        }
      }
    },
  };
};

/**
 * How late the matrix's gateway hears of every offline-bill payment
 * (sandbox/late-reports.ts): the wallet's notification comes after the
 * customer paid, so a lookup at once finds nothing.
 */
export const MATRIX_LATE_REPORTS = { share: 1, delayMs: 300 };

const lookupScene = (): Scene => {
  let billNumber = '';
  return {
    prepare: async (ctx) => {
      billNumber = ctx.id('bill').slice(-20);
      const payload = buildDynamicMpm({ ...CRASH_MERCHANT, terminalLabel: ctx.terminalId }, { amount: money(Number(AMOUNT.value), 'KRW'), billNumber });
      const paid = ctx.gateway.customer.pay({ qrPayload: payload, wallet: 'zeropay' });
      if (paid.result.status !== 'S') throw new Error(`setup offline pay answered ${paid.result.code}`);
    },
    perform: (ctx) => classify(ctx.client.lookupByBill([billNumber])),
    recover: async (ctx) => {
      // The till asks again until the gateway has heard of the bill (its late-report allowance), then once more.
      const deadline = Date.now() + PATIENCE_MS;
      let found = (await ctx.client.lookupByBill([billNumber])).payments;
      while (found.length === 0 && Date.now() < deadline) {
        await delay(ASK_AGAIN_MS);
        found = (await ctx.client.lookupByBill([billNumber])).payments;
      }
      const again = (await ctx.client.lookupByBill([billNumber])).payments;
      for (const payments of [found, again]) {
        if (payments.length !== 1 || payments[0]!.status !== 'SUCCESS' || payments[0]!.amount.value !== AMOUNT.value)
          ctx.problems.push(`bill ${billNumber}: lookup found ${JSON.stringify(payments.map((p) => [p.status, p.amount.value]))}, not one payment of ${AMOUNT.value}`);
      }
    },
  };
};

/** The operations of the matrix, by their fault-rule names (src/relay/operations.ts). */
export const SCENES = {
  pay: payScene,
  inquiry: inquiryScene,
  cancel: cancelScene,
  refund: refundScene,
  orderCode: orderCodeScene,
  journalBatch: journalScene,
  lookupByBill: lookupScene,
} as const satisfies Record<string, () => Scene>;
export type MatrixOperation = keyof typeof SCENES;
