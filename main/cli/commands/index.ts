import type { PosCommand } from '../command.js';

/**
 * Every `pos` sub-command, loaded on demand so that `pos qr parse` does not
 * open serial ports or SQLite. Adding a command is one line here.
 */
export const commandLoaders: Record<string, () => Promise<PosCommand>> = {
  qr: async () => (await import('./qr.js')).qrCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  doctor: async () => (await import('./doctor.js')).doctorCommand,
  sandbox: async () => (await import('./sandbox.js')).sandboxCommand,
  relay: async () => (await import('./relay.js')).relayCommand,
  print: async () => (await import('./print.js')).printCommand,
  chaos: async () => (await import('./chaos.js')).chaosCommand,
  devices: async () => (await import('./devices.js')).devicesCommand,
  closeout: async () => (await import('./closeout.js')).closeoutCommand,
  catalog: async () => (await import('./catalog.js')).catalogCommand,
  logs: async () => (await import('./logs.js')).logsCommand,
  journal: async () => (await import('./journal.js')).journalCommand,
  fleet: async () => (await import('./fleet.js')).fleetCommand,

};
