import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { RELAY_OPERATIONS, type RelayOperationName } from '../src/relay/operations.js';
import { registerTerminalRequestSchema } from '../src/relay/protocol.js';
import { resultOf } from '../src/relay/result-codes.js';
import { publicKeyFromBase64, publicKeyToBase64 } from '../src/relay/signing.js';
import type { Enrollment } from './enrollment.js';
import type { GatewayKeys } from './gateway-keys.js';
import { type FaultInjector, type FaultSet, FaultSyntaxError } from './faults.js';
import { httpStatusOf, readBody, sendJson, sendResult, sleep } from './http-util.js';
import type { JournalIntake } from './journal-intake.js';
import type { PaymentService } from './payment-service.js';
import type { RefundService } from './refund-service.js';
import type { RequestAuthenticator } from './request-auth.js';
import type { SandboxState } from './sandbox-state.js';
import type { SettlementService } from './settlement-service.js';

/** The sandbox's services, as the routes reach them. */
export interface SandboxServices {
  state: SandboxState;
  auth: RequestAuthenticator;
  enrollment: Enrollment;
  payments: PaymentService;
  refunds: RefundService;
  journal: JournalIntake;
  settlements: SettlementService;
  faults: FaultInjector;
  keys: GatewayKeys;
  merchant: { merchantId: string; name: string; city: string; mcc: string };
  handlers: OperationHandlers;
}

type Answer = { status: number; body: unknown };

/** Operation paths as regular expressions, from the one table in src/relay/operations.ts. */
const ROUTES = Object.entries(RELAY_OPERATIONS).map(([name, op]) => ({
  name: name as RelayOperationName,
  method: op.method,
  pattern: new RegExp(`^${op.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

/** The operation a request addresses, with its path parameters. */
export function matchOperation(
  method: string,
  pathname: string,
): { name: RelayOperationName; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const match = route.method === method ? route.pattern.exec(pathname) : null;
    if (match) return { name: route.name, params: { ...match.groups } };
  }
  return undefined;
}

/**
 * Applies the faults that act before a request is handled. Returns the
 * fault set, or undefined when the request was already answered or dropped.
 */
export async function faultsBefore(
  services: SandboxServices,
  operation: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<FaultSet | undefined> {
  let faults: FaultSet;
  try {
    faults = services.faults.faultsFor(
      operation,
      req.headers['x-sandbox-fault'] as string | undefined,
    );
  } catch (error) {
    if (!(error instanceof FaultSyntaxError)) throw error;
    sendResult(res, 'PARAM_ILLEGAL', error.message);
    return undefined;
  }
  if (faults.latency) await sleep(faults.latency);
  if (faults['drop-before'] !== undefined) {
    req.socket.destroy();
    return undefined;
  }
  if (faults['server-error'] !== undefined) {
    sendJson(res, 503, {
      result: resultOf('UNKNOWN_EXCEPTION', 'injected fault: 503 before handling'),
    });
    return undefined;
  }
  if (faults['unknown-before'] !== undefined) {
    sendJson(res, 200, { result: resultOf('UNKNOWN_EXCEPTION', 'injected fault: the gateway does not know (not handled)') });
    return undefined;
  }
  return faults;
}

/** Handles one relay operation: faults, signature, schema, the service, faults after commit. */
export async function handleOperation(
  services: SandboxServices,
  req: IncomingMessage,
  res: ServerResponse,
  name: RelayOperationName,
  params: Record<string, string>,
): Promise<void> {
  // The body is read first: a request held by `latency` has reached the gateway, and is handled
  // even when the caller stopped waiting (a pay that arrives after the till's timeout).
  const body = await readBody(req);
  const faults = await faultsBefore(services, name, req, res);
  if (!faults) return;
  const executed = execute(services, req, name, params, body, faults);
  // Every registration answer names the key that signs it, so a till with
  // nothing pinned yet can check even a refusal (it pins only a success).
  const answer =
    name === 'register'
      ? { ...executed, body: { ...(executed.body as object), gatewayKey: publicKeyToBase64(services.keys.publicKey()) } }
      : executed;

  if (faults['drop-after'] !== undefined) {
    req.socket.destroy();
    return;
  }
  if (faults['server-error-after'] !== undefined) {
    sendJson(res, 500, {
      result: resultOf(
        'UNKNOWN_EXCEPTION',
        'injected fault: 500 after handling (the request was processed)',
      ),
    });
    return;
  }
  if (faults['unknown-after'] !== undefined) {
    sendJson(res, 200, {
      result: resultOf('UNKNOWN_EXCEPTION', 'injected fault: handled, but the answer says unknown'),
    });
    return;
  }
  if (faults.timeout !== undefined) {
    const timer = setTimeout(() => sendJson(res, answer.status, answer.body), faults.timeout);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  sendJson(res, answer.status, answer.body);
}

function execute(
  services: SandboxServices,
  req: IncomingMessage,
  name: RelayOperationName,
  params: Record<string, string>,
  body: Buffer,
  faults: FaultSet,
): Answer {
  const definition = RELAY_OPERATIONS[name];
  let input: unknown = params;
  if (definition.method === 'POST') {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return refusal('PARAM_ILLEGAL', 'the body is not JSON');
    }
  }
  let presentedKey: KeyObject | undefined;
  if (name === 'register') {
    const registration = registerTerminalRequestSchema.safeParse(input);
    if (!registration.success)
      return refusal('PARAM_ILLEGAL', describeIssues(registration.error.issues));
    try {
      presentedKey = publicKeyFromBase64(registration.data.publicKey);
    } catch (error) {
      return refusal('PARAM_ILLEGAL', `publicKey: ${(error as Error).message}`);
    }
  }
  return services.state.transact((): Answer => {
    const auth = services.auth.authenticate(
      { method: req.method ?? 'GET', pathWithQuery: req.url ?? '/', headers: req.headers, body },
      presentedKey,
    );
    if (!auth.ok) return refusal(auth.code, auth.message);
    const parsed = definition.request.safeParse(input);
    if (!parsed.success) return refusal('PARAM_ILLEGAL', describeIssues(parsed.error.issues));
    // parsed.data was validated by this very operation's schema, so the handler's type holds.
    const handler = services.handlers[name] as (
      terminalId: string,
      request: unknown,
      nonce: string,
      faults: FaultSet,
    ) => { result: { code: string } };
    const answer = handler(auth.terminalId, parsed.data, String(req.headers['x-nonce']), faults);
    return { status: httpStatusOf(answer.result.code), body: answer };
  });
}

type OperationHandlers = {
  [N in RelayOperationName]: (
    terminalId: string,
    request: z.output<(typeof RELAY_OPERATIONS)[N]['request']>,
    nonce: string,
    faults: FaultSet,
  ) => { result: { code: string } };
};

/** One handler per operation of the table; the compiler checks each gets its own request type. */
export function operationHandlers(services: SandboxServices): OperationHandlers {
  const { payments, refunds, journal, settlements } = services;
  return {
    register: (terminalId, request, nonce) => register(services, terminalId, request, nonce),
    pay: (terminalId, request) => payments.pay(terminalId, request),
    orderCode: (terminalId, request) => payments.createOrderCode(terminalId, request),
    inquiry: (terminalId, request) => payments.inquire(terminalId, request.paymentRequestId),
    cancel: (terminalId, request) => payments.cancel(terminalId, request),
    refund: (terminalId, request, _nonce, faults) =>
      refunds.refund(terminalId, request, refundProcessingMs(services, faults)),
    refundInquiry: (terminalId, request) => refunds.inquire(terminalId, request),
    lookupByBill: (terminalId, request) => payments.lookupByBill(terminalId, request.billNumbers),
    journalBatch: (terminalId, request) => journal.upload(terminalId, request.records),
    settlement: (terminalId, request) => settlements.statement(terminalId, request.businessDate),
    merchantSettlement: (_terminalId, request) =>
      settlements.merchantStatement(services.merchant.merchantId, request.businessDate),
    exchangeRates: () => settlements.exchangeRates(),
    gatewayKeys: () => ({
      result: resultOf('SUCCESS', 'gateway key rotations, oldest first'),
      rotations: services.keys.rotations(),
    }),
  };
}

function register(
  services: SandboxServices,
  signer: string,
  request: z.output<typeof registerTerminalRequestSchema>,
  nonce: string,
) {
  if (signer !== request.terminalId) {
    return {
      result: resultOf(
        'SIGNATURE_INVALID',
        'X-Terminal-Id differs from the terminal being registered',
      ),
    };
  }
  // One answer for a wrong code, a used code and an existing terminal without
  // proof, so a caller cannot learn which terminal ids exist.
  if (!services.enrollment.admits({ ...request, nonce })) {
    return {
      result: resultOf(
        'ENROLLMENT_CODE_INVALID',
        "enrollment refused: a wrong or used code, or a re-key without the current key's signature; ask the relay provider for a one-time code",
      ),
    };
  }
  services.auth.registerTerminal(request.terminalId, request.publicKey);
  return {
    result: resultOf('SUCCESS', `terminal ${request.terminalId} registered`),
    merchant: services.merchant,
  };
}

/** How long an injected asynchronous refund stays PROCESSING (undefined: it completes at once). */
function refundProcessingMs(services: SandboxServices, faults: FaultSet): number | undefined {
  const value = faults['refund-processing'];
  if (value === undefined) return undefined;
  return value || services.state.settings.pendingMs;
}

function refusal(code: Parameters<typeof resultOf>[0], message: string): Answer {
  return { status: httpStatusOf(code), body: { result: resultOf(code, message) } };
}

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
