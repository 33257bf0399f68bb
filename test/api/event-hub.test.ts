import { describe, expect, it } from 'vitest';
import { createEventHub } from '../../src/api/index.js';
import { silentLogger } from '../../src/platform/logger.js';

const scan = { deviceId: 'scan-box', code: '6228376427820283746', receivedAt: 1 };

describe('event hub', () => {
  it('delivers to every listener even when one throws, and stops after unsubscribe', () => {
    const hub = createEventHub({ validate: true, logger: silentLogger });
    const heard: unknown[] = [];
    hub.subscribe(() => {
      throw new Error('broken window');
    });
    const off = hub.subscribe((event, payload) => heard.push([event, payload]));
    hub.emit('scan', scan);
    off();
    hub.emit('scan', scan);
    expect(heard).toEqual([['scan', scan]]);
  });

  it('rejects a payload that breaks the contract when validating', () => {
    const bad = { ...scan, code: '' };
    expect(() =>
      createEventHub({ validate: true, logger: silentLogger }).emit('scan', bad),
    ).toThrow();
    expect(() =>
      createEventHub({ validate: false, logger: silentLogger }).emit('scan', bad),
    ).not.toThrow();
  });
});
