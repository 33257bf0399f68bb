import { z } from 'zod';
import {
  billLookupRequestSchema,
  billLookupResponseSchema,
  cancelRequestSchema,
  cancelResponseSchema,
  exchangeRatesResponseSchema,
  gatewayKeysResponseSchema,
  inquiryRequestSchema,
  inquiryResponseSchema,
  journalBatchRequestSchema,
  journalBatchResponseSchema,
  merchantSettlementResponseSchema,
  orderCodeRequestSchema,
  orderCodeResponseSchema,
  payRequestSchema,
  payResponseSchema,
  refundInquiryRequestSchema,
  refundInquiryResponseSchema,
  refundRequestSchema,
  refundResponseSchema,
  registerTerminalRequestSchema,
  registerTerminalResponseSchema,
  settlementResponseSchema,
} from './protocol.js';

/**
 * The one table of relay operations: method, path and schemas. The client,
 * the sandbox's router, the `pos relay call` command and the OpenAPI file all
 * follow it, so a path cannot differ between them. The event stream
 * (GET /v1/events) is not a request/answer pair and lives in event-stream.ts.
 */

const businessDateSchema = z.object({ businessDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
const noParameters = z.object({}).strict();

function operation<Req extends z.ZodType, Res extends z.ZodType>(
  method: 'GET' | 'POST',
  path: string,
  request: Req,
  response: Res,
) {
  return { method, path, request, response };
}

export const RELAY_OPERATIONS = {
  register: operation(
    'POST',
    '/v1/terminals/register',
    registerTerminalRequestSchema,
    registerTerminalResponseSchema,
  ),
  pay: operation('POST', '/v1/payments/pay', payRequestSchema, payResponseSchema),
  orderCode: operation(
    'POST',
    '/v1/payments/order-code',
    orderCodeRequestSchema,
    orderCodeResponseSchema,
  ),
  inquiry: operation('POST', '/v1/payments/inquiry', inquiryRequestSchema, inquiryResponseSchema),
  cancel: operation('POST', '/v1/payments/cancel', cancelRequestSchema, cancelResponseSchema),
  refund: operation('POST', '/v1/refunds', refundRequestSchema, refundResponseSchema),
  refundInquiry: operation('POST', '/v1/refunds/inquiry', refundInquiryRequestSchema, refundInquiryResponseSchema),
  lookupByBill: operation(
    'POST',
    '/v1/payments/lookup-by-bill',
    billLookupRequestSchema,
    billLookupResponseSchema,
  ),
  journalBatch: operation(
    'POST',
    '/v1/journal/batch',
    journalBatchRequestSchema,
    journalBatchResponseSchema,
  ),
  settlement: operation(
    'GET',
    '/v1/settlements/{businessDate}',
    businessDateSchema,
    settlementResponseSchema,
  ),
  merchantSettlement: operation(
    'GET',
    '/v1/merchant/settlements/{businessDate}',
    businessDateSchema,
    merchantSettlementResponseSchema,
  ),
  exchangeRates: operation('GET', '/v1/exchange-rates', noParameters, exchangeRatesResponseSchema),
  gatewayKeys: operation('GET', '/v1/gateway/keys', noParameters, gatewayKeysResponseSchema),
} as const;

export type RelayOperationName = keyof typeof RELAY_OPERATIONS;
export type RelayOperation = (typeof RELAY_OPERATIONS)[RelayOperationName];
/** What the caller passes to an operation (defaults not yet applied). */
export type OperationInput<N extends RelayOperationName> = z.input<
  (typeof RELAY_OPERATIONS)[N]['request']
>;
/** The validated answer of an operation. */
export type OperationAnswer<N extends RelayOperationName> = z.output<
  (typeof RELAY_OPERATIONS)[N]['response']
>;

/** The event stream's path; resumable with `Last-Event-ID` or `?lastEventId=`. */
export const EVENTS_PATH = '/v1/events';

/** True when `name` is an operation of the table (for the CLI and the router). */
export function isRelayOperation(name: string): name is RelayOperationName {
  return Object.hasOwn(RELAY_OPERATIONS, name);
}

/**
 * The request path of an operation: `{param}` placeholders filled from the
 * request (URI-encoded); GET operations carry everything in the path.
 */
export function operationPath(name: RelayOperationName, request: Record<string, unknown>): string {
  return RELAY_OPERATIONS[name].path.replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent(String(request[key])),
  );
}
