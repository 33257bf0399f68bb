/** A byte sequence no ESC/POS printer would accept, with where it was found. */
export class EscPosDecodeError extends Error {
  override readonly name = 'EscPosDecodeError';
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`at byte ${offset}: ${message}`);
  }
}
