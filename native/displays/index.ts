// Customer display drivers: serial pole displays (Epson DM-D command set).
export { PoleDisplay, poleDisplayConfigSchema } from './pole-display.js';
export type { PoleDisplayConfig } from './pole-display.js';
export { layoutPoleDisplay, formatPoleAmount } from './pole-layout.js';
export { toDisplayAscii } from './ascii-text.js';
export { DMD, dmdScreen, dmdSetup, moveCursor } from './dmd-commands.js';
