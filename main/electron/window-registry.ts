import type { BrowserWindow, WebContents } from 'electron';
import type { WindowRole } from '../../src/api/index.js';

/**
 * Our windows and what each may do: the cashier window has the cashier role,
 * the customer display only reads. IPC trusts a sender only if its web
 * contents is registered here.
 */
export class WindowRegistry {
  private readonly windows = new Map<number, { window: BrowserWindow; role: WindowRole }>();

  add(window: BrowserWindow, role: WindowRole): void {
    const id = window.webContents.id;
    this.windows.set(id, { window, role });
    window.on('closed', () => this.windows.delete(id));
  }

  roleOf(contents: WebContents): WindowRole | undefined {
    return this.windows.get(contents.id)?.role;
  }

  /** The first window of a role (the cashier window to focus on a second launch). */
  find(role: WindowRole): BrowserWindow | undefined {
    for (const entry of this.windows.values()) if (entry.role === role) return entry.window;
    return undefined;
  }

  /** Pushes an event to every live window whose role `reaches` admits. */
  broadcast(channel: string, payload: unknown, reaches: (role: WindowRole) => boolean = () => true): void {
    for (const { window, role } of this.windows.values()) {
      if (reaches(role) && !window.isDestroyed() && !window.webContents.isDestroyed())
        window.webContents.send(channel, payload);
    }
  }
}
