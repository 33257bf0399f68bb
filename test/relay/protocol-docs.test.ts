import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, MAGIC_SUFFIXES } from '../../sandbox/index.js';
import { EVENTS_PATH, RELAY_OPERATIONS } from '../../src/relay/operations.js';
import { RESULT_CODES } from '../../src/relay/result-codes.js';

const docs = join(import.meta.dirname, '..', '..', 'docs');
const prose = readFileSync(join(docs, 'relay-protocol.md'), 'utf8');
const openapi = readFileSync(join(docs, 'relay-openapi.yaml'), 'utf8');

/** Paths of the OpenAPI file with the method and operationId under each. */
function openapiOperations(): Map<string, { method: string; operationId: string }> {
  const found = new Map<string, { method: string; operationId: string }>();
  const blocks = openapi.split(/^ {2}(?=\/v1\/)/m).slice(1);
  for (const block of blocks) {
    const path = block.slice(0, block.indexOf(':'));
    const method = /^ {4}(get|post):$/m.exec(block)?.[1] ?? '';
    const operationId = /operationId: (\w+)/.exec(block)?.[1] ?? '';
    found.set(path, { method: method.toUpperCase(), operationId });
  }
  return found;
}

describe('the protocol documents stay in step with the code', () => {
  it('the OpenAPI file has every operation of the table, with its method and name, and the event stream', () => {
    const operations = openapiOperations();
    for (const [name, operation] of Object.entries(RELAY_OPERATIONS)) {
      expect(operations.get(operation.path), operation.path).toEqual({
        method: operation.method,
        operationId: name,
      });
    }
    expect(operations.get(EVENTS_PATH)?.method).toBe('GET');
    expect(operations.size).toBe(Object.keys(RELAY_OPERATIONS).length + 1);
    expect(openapi.startsWith('openapi: 3.1.0\n')).toBe(true);
  });

  it('every result code is in the prose table with its status, and in the OpenAPI file', () => {
    for (const [code, { status }] of Object.entries(RESULT_CODES)) {
      expect(prose, code).toMatch(new RegExp(`^\\| \`${code}\` \\| ${status} \\|`, 'm'));
      expect(openapi, code).toContain(`- ${code}\n`);
    }
  });

  it('every magic payment code and every fault is documented', () => {
    for (const suffix of Object.keys(MAGIC_SUFFIXES))
      expect(prose).toMatch(new RegExp(`^\\| \`${suffix}\` \\|`, 'm'));
    for (const fault of FAULT_KINDS)
      expect(prose).toMatch(new RegExp(`^\\| \`${fault}(=N)?\` \\|`, 'm'));
  });
});
