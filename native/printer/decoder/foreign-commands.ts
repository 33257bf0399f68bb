import { Truncated } from './graphics-commands.js';

/**
 * Commands the virtual printer does not know. Commands of other printer dialects that ESC/POS
 * libraries send (the escpos npm package: Star's ESC 5 "cancel italic", the GS Z / ESC Z
 * 2D-code pair of some Chinese models) are skipped whole, with a warning, so the rest of the
 * receipt still renders (issue 16). Any other unknown command loses its prefix and command
 * byte, and whatever arguments it had print as text, as on a real Epson-class printer.
 */

const FOREIGN: Record<string, { name: string; length: (b: Uint8Array, pos: number) => number | null }> = {
  'ESC 5': { name: 'cancel italic (Star dialect)', length: () => 2 },
  'GS Z': { name: 'select 2D code type (not ESC/POS)', length: () => 3 },
  'ESC Z': {
    name: 'print 2D code (not ESC/POS; GS ( k is)',
    length: (b, pos) => (pos + 6 < b.length ? 7 + b[pos + 5]! + 256 * b[pos + 6]! : null),
  },
};

/**
 * Skips the unknown command at `pos` (`offset` is its byte in the whole stream, for the
 * warning). Throws `Truncated` when a foreign command's data has not all arrived.
 */
export function skipUnknownCommand(
  b: Uint8Array,
  pos: number,
  prefix: 'ESC' | 'FS' | 'GS',
  offset: number,
): { next: number; warning: string } {
  const cmd = b[pos + 1]!;
  const name = `${prefix} ${cmd >= 0x21 && cmd < 0x7f ? String.fromCharCode(cmd) : `0x${cmd.toString(16)}`}`;
  const foreign = FOREIGN[name];
  const length = foreign ? foreign.length(b, pos) : 2;
  if (length === null || pos + length > b.length) throw new Truncated();
  const shown = Buffer.from(b.subarray(pos, pos + Math.min(length, 3))).toString('hex').replace(/(..)(?!$)/g, '$1 ');
  const extra = length > 3 ? `, ${length - 7} bytes of data` : '';
  return {
    next: pos + length,
    warning: `skipped ${name} (${shown}${extra}) at byte ${offset}: ${foreign ? foreign.name : 'unknown to this printer'}`,
  };
}
