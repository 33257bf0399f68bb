import type { DecodedElement } from './decoded-receipt.js';
import { EscPosDecodeError } from './decode-error.js';
import { Truncated } from './graphics-commands.js';

/**
 * `DLE` commands: the real-time status requests (`DLE EOT`, `DLE ENQ`) and `DLE DC4`
 * (fn 1 real-time drawer pulse, 2 power off, 8 clear buffer). A real printer acts on these as
 * they arrive, ahead of its print buffer; the virtual printer records them in order.
 * `offset` is the command's byte in the whole stream, for the error.
 */
export function realtimeCommand(
  b: Uint8Array,
  pos: number,
  offset: number,
): { next: number; element?: DecodedElement } {
  if (pos + 3 > b.length) throw new Truncated();
  const cmd = b[pos + 1]!;
  const n = b[pos + 2]!;
  if (cmd === 0x04 || cmd === 0x05) {
    // DLE EOT n a: n 7, 8 and 18 take one more byte (the extended status functions); cut
    // before it, the command waits for its rest like any other.
    const next = pos + ([7, 8, 18].includes(n) && cmd === 0x04 ? 4 : 3);
    if (next > b.length) throw new Truncated();
    return cmd === 0x04 ? { next, element: { kind: 'status-request', request: n } } : { next };
  }
  if (cmd === 0x14) {
    const length = n === 8 ? 9 : 5;
    if (pos + length > b.length) throw new Truncated();
    if (n !== 1) return { next: pos + length };
    return {
      next: pos + length,
      element: {
        kind: 'drawer',
        pin: b[pos + 3] === 1 ? 5 : 2,
        onMs: b[pos + 4]! * 100,
        offMs: b[pos + 4]! * 100,
        realTime: true,
      },
    };
  }
  throw new EscPosDecodeError(offset, `unknown DLE command 0x${cmd.toString(16)}`);
}
