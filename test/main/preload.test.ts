import { describe, expect, it } from 'vitest';
import { type PreloadApi, methodNames } from '../../src/api/index.js';
import { contextBridge, ipcRenderer } from '../stubs/electron.js';

describe('preload', () => {
  it('exposes window.pos with one function per contract method plus on, and no ipcRenderer', async () => {
    await import('../../main/electron/preload.js');
    expect([...contextBridge.exposed.keys()]).toEqual(['pos']);
    const pos = contextBridge.exposed.get('pos') as PreloadApi & Record<string, unknown>;
    expect(Object.keys(pos).sort()).toEqual([...methodNames, 'on'].sort());
    for (const value of Object.values(pos)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(ipcRenderer);
    }
    expect(Object.isFrozen(pos)).toBe(true);

    for (const method of methodNames) await pos[method](undefined);
    expect(ipcRenderer.invocations.map((i) => i.channel)).toEqual(
      methodNames.map((m) => `pos:${m}`),
    );

    const received: unknown[] = [];
    const off = pos.on('scan', (payload) => received.push(payload));
    const payload = { deviceId: 'scan-box', code: '134728953980228598', receivedAt: 1 };
    ipcRenderer.emit('pos:event:scan', { sender: 'ipc event with sender' }, payload);
    off();
    ipcRenderer.emit('pos:event:scan', {}, payload);
    expect(received).toEqual([payload]);
    expect(() => pos.on('nope' as 'scan', () => undefined)).toThrow(/no event/);
  });
});
