import type { z } from 'zod';

/**
 * Who may call a method. The customer-display window only reads (it shows the
 * basket, the QR and the shop's name); the cashier window may do everything.
 * A method's `role` is the least trusted caller allowed; the default is 'cashier'.
 */
export type WindowRole = 'display' | 'cashier';

const roleRank: Record<WindowRole, number> = { display: 0, cashier: 1 };

/** True when a caller with `caller` clearance may call a method that needs `required`. */
export function roleAllows(caller: WindowRole, required: WindowRole): boolean {
  return roleRank[caller] >= roleRank[required];
}

/**
 * One row of the contract: a method's input and result schemas. Schemas must
 * be JSON-safe (strings, numbers, booleans, arrays, plain objects) because both
 * transports serialise them, and results should not transform: what the handler
 * returns is what the caller receives.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly summary: string;
  readonly input: I;
  readonly result: R;
  readonly role?: WindowRole;
}

export type MethodTable = Record<string, MethodSpec>;
export type EventTable = Record<string, z.ZodType>;

/** Keeps a table's literal types; every domain file declares its rows through it. */
export function defineMethods<const T extends MethodTable>(table: T): T {
  return table;
}

/** Keeps an event table's literal types. */
export function defineEvents<const T extends EventTable>(table: T): T {
  return table;
}

/** What the handler of a call knows about the caller. */
export interface CallContext {
  role: WindowRole;
  transport: 'ipc' | 'bridge';
}

export type Unsubscribe = () => void;

/** What a caller passes (before parsing: defaults may be left out). */
export type InputOf<S extends MethodSpec> = z.input<S['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<S extends MethodSpec> = z.output<S['input']>;
export type ResultOf<S extends MethodSpec> = z.output<S['result']>;

/** One handler per method of `T`: the main process implements these. */
export type HandlersFor<T extends MethodTable> = {
  [M in keyof T]: (
    input: ParsedInputOf<T[M]>,
    ctx: CallContext,
  ) => Promise<ResultOf<T[M]>> | ResultOf<T[M]>;
};

/** A method whose input may be left out is called as `fn()`. */
type ClientFn<S extends MethodSpec, R> =
  undefined extends InputOf<S>
    ? (input?: InputOf<S>) => Promise<R>
    : (input: InputOf<S>) => Promise<R>;

type EventSubscribe<E extends EventTable> = <K extends keyof E & string>(
  event: K,
  listener: (payload: z.output<E[K]>) => void,
) => Unsubscribe;

/** The renderer's view of the contract: one async function per method, plus `on`. */
export type ClientFor<T extends MethodTable, E extends EventTable> = {
  readonly [M in keyof T]: ClientFn<T[M], ResultOf<T[M]>>;
} & { readonly on: EventSubscribe<E> };
