import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  eventNames,
  events,
  isEventName,
  isMethodName,
  methodNames,
  methods,
} from '../../src/api/index.js';

describe('contract table', () => {
  it("names every method domain.verb, so none can clash with the client's `on`", () => {
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) expect(name).toMatch(/^[a-z]+(\.[a-z][a-zA-Z]*)+$/);
    expect(methodNames).toEqual(
      expect.arrayContaining(['app.info', 'app.status', 'settings.get', 'settings.update']),
    );
  });

  it('gives every method a summary and zod schemas for input and result', () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.summary, name).not.toBe('');
      expect(spec.input, name).toBeInstanceOf(z.ZodType);
      expect(spec.result, name).toBeInstanceOf(z.ZodType);
    }
    for (const [name, schema] of Object.entries(events))
      expect(schema, name).toBeInstanceOf(z.ZodType);
    expect(eventNames).toEqual(
      expect.arrayContaining(['status.changed', 'scan', 'settings.changed']),
    );
  });

  it('never treats inherited properties as methods or events', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(isMethodName(name)).toBe(false);
      expect(isEventName(name)).toBe(false);
    }
  });
});
