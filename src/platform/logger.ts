/**
 * The logging port the core writes to. pino's logger satisfies it; tests pass
 * `silentLogger`. Card numbers, wallet codes and cash-receipt identifiers are
 * masked before they reach a logger (see src/codes/mask and src/payments).
 */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  debug: () => undefined,
  child: () => silentLogger,
};
