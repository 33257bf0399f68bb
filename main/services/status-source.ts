import { isDeepStrictEqual } from 'node:util';
import type { AppStatus, EventHub } from '../../src/api/index.js';

/**
 * The status bar's single source: the relay client, the printer and the
 * scanners report their part here; every window hears `status.changed` once
 * per real change.
 */
export class StatusSource {
  constructor(
    private current: AppStatus,
    private readonly events: EventHub,
  ) {}

  get(): AppStatus {
    return this.current;
  }

  update(patch: Partial<AppStatus>): void {
    const next = { ...this.current, ...patch };
    if (isDeepStrictEqual(next, this.current)) return;
    this.current = next;
    this.events.emit('status.changed', next);
  }
}
