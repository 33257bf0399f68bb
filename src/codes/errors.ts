/**
 * Every failure of src/codes is a `CodeError`, so callers (the scanner flow,
 * the CLI, the fuzz test) catch one class and read a reason, never a stray
 * TypeError. `reason` is the class of problem a caller branches on; the
 * message says what is wrong and where, in words a cashier's supervisor can
 * act on.
 */
export type CodeErrorReason =
  /** The payload carries a CRC (tag 63) that does not match its content. */
  | 'bad-crc'
  /** Broken structure: TLV lengths, IDs, missing CRC, bad base64, missing templates. */
  | 'malformed'
  /** A field breaks a rule of the specification (length, characters, allowed values). */
  | 'invalid-field'
  /** A scanned string is none of the codes this terminal knows (garbage). */
  | 'unrecognised';

/** Where a problem sits: character offset (MPM) or byte offset (CPM), and the tag path. */
export interface CodeErrorPlace {
  offset?: number;
  tag?: string;
}

/** Base class of every error thrown by src/codes. */
export class CodeError extends Error {
  readonly reason: CodeErrorReason;
  readonly offset: number | undefined;
  readonly tag: string | undefined;

  constructor(reason: CodeErrorReason, message: string, place: CodeErrorPlace = {}) {
    super(message + describePlace(place));
    this.name = new.target.name;
    this.reason = reason;
    this.offset = place.offset;
    this.tag = place.tag;
  }
}

/** The CRC in tag 63 disagrees with the payload: damaged or forged code. */
export class EmvCrcError extends CodeError {
  constructor(
    readonly expected: string,
    readonly found: string,
    place: CodeErrorPlace,
  ) {
    super('bad-crc', `CRC mismatch: payload says ${found}, content gives ${expected}`, place);
  }
}

/** The TLV structure (MPM) or BER-TLV/base64 structure (CPM) is broken. */
export class EmvFormatError extends CodeError {
  constructor(message: string, place: CodeErrorPlace = {}) {
    super('malformed', message, place);
  }
}

/** A field value breaks the specification; `field` names it as in the typed description. */
export class EmvFieldError extends CodeError {
  constructor(
    readonly field: string,
    message: string,
    place: CodeErrorPlace = {},
  ) {
    super('invalid-field', `${field}: ${message}`, place);
  }
}

/** A scanned string is not a payment code this terminal can route. */
export class PaymentCodeError extends CodeError {
  constructor(message: string) {
    super('unrecognised', message);
  }
}

function describePlace({ offset, tag }: CodeErrorPlace): string {
  if (offset === undefined && tag === undefined) return '';
  const parts = [
    tag === undefined ? '' : `tag ${tag}`,
    offset === undefined ? '' : `offset ${offset}`,
  ];
  return ` (${parts.filter(Boolean).join(', ')})`;
}
