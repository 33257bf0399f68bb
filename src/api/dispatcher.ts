import type { Logger } from '../platform/logger.js';
import { type CallContext, type MethodSpec, roleAllows } from './contract.js';
import { type CallOutcome, ContractError, ContractErrorCode, toApiIssues } from './errors.js';
import { type ContractHandlers, isMethodName, methods } from './table.js';

/** Runs one call from any transport: the single place inputs are checked. */
export interface Dispatcher {
  call(method: string, input: unknown, ctx: CallContext): Promise<CallOutcome>;
}

export interface DispatcherOptions {
  handlers: ContractHandlers;
  /** Parse every result against its schema: on in development and tests, off when packaged. */
  validateResults: boolean;
  logger: Logger;
}

const fail = (code: string, message: string, issues?: ContractError['issues']): CallOutcome => ({
  ok: false,
  error: new ContractError(code, message, issues).toBody(),
});

/**
 * Builds the dispatcher both transports share: known method, caller role,
 * input parsed by the method's schema, handler run, result checked in
 * development. It never throws: every failure is a structured `ok: false`.
 */
export function createDispatcher({
  handlers,
  validateResults,
  logger,
}: DispatcherOptions): Dispatcher {
  const table = methods as Record<string, MethodSpec>;
  const run = handlers as unknown as Record<string, (input: unknown, ctx: CallContext) => unknown>;

  return {
    async call(method, input, ctx) {
      if (!isMethodName(method))
        return fail(ContractErrorCode.unknownMethod, `no method "${method}"`);
      const spec = table[method]!;
      if (!roleAllows(ctx.role, spec.role ?? 'cashier')) {
        return fail(
          ContractErrorCode.forbidden,
          `${method} is not allowed from a ${ctx.role} window`,
        );
      }
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        return fail(
          ContractErrorCode.invalidInput,
          `invalid input for ${method}`,
          toApiIssues(parsed.error),
        );
      }
      let result: unknown;
      try {
        result = await run[method]!(parsed.data, ctx);
      } catch (error) {
        if (error instanceof ContractError) return { ok: false, error: error.toBody() };
        logger.error({ err: error, method }, 'contract handler failed');
        return fail(ContractErrorCode.internal, `${method} failed; the log has the details`);
      }
      if (validateResults) {
        const checked = spec.result.safeParse(result);
        if (!checked.success) {
          logger.error(
            { method, issues: toApiIssues(checked.error) },
            'contract handler returned an invalid result',
          );
          return fail(
            ContractErrorCode.invalidResult,
            `${method} returned an invalid result`,
            toApiIssues(checked.error),
          );
        }
      }
      return { ok: true, result };
    },
  };
}
