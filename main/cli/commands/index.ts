import type { PosCommand } from '../command.js';

/**
 * Every `pos` sub-command, loaded on demand so that `pos qr parse` does not
 * open serial ports or SQLite. Adding a command is one line here.
 */
export const commandLoaders: Record<string, () => Promise<PosCommand>> = {

};
