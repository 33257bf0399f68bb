/**
 * Epson DM-D customer display commands (the "ESC/POS display" set that
 * DM-D110/D210 and most 2x20 VFD pole displays accept in Epson mode).
 */
export const DMD = {
  /** ESC @: initialise (clears the screen, resets modes). */
  initialize: Buffer.from([0x1b, 0x40]),
  /** US MD1: overwrite mode, so writing past the end does not scroll the text away. */
  overwriteMode: Buffer.from([0x1f, 0x01]),
  /** US C 0: hide the cursor. */
  cursorOff: Buffer.from([0x1f, 0x43, 0x00]),
  /** CLR: clear the screen. */
  clear: Buffer.from([0x0c]),
} as const;

/** US $ x y: move the cursor to column x, row y (both 1-based; 1 ≤ x ≤ 20, 1 ≤ y ≤ 2). */
export function moveCursor(column: number, row: number): Buffer {
  return Buffer.from([0x1f, 0x24, column, row]);
}

/** What a display gets when it (re)connects: initialise, overwrite mode, no cursor, clear. */
export function dmdSetup(): Buffer {
  return Buffer.concat([DMD.initialize, DMD.overwriteMode, DMD.cursorOff, DMD.clear]);
}

/**
 * One full screen: each line written from its first column, padded to the
 * width, so no stale characters survive and nothing flickers (no clear).
 * Lines must already be printable ASCII (see toDisplayAscii).
 */
export function dmdScreen(lines: readonly string[]): Buffer {
  return Buffer.concat(
    lines.map((line, i) => Buffer.concat([moveCursor(1, i + 1), Buffer.from(line, 'ascii')])),
  );
}
