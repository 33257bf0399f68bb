import type { ContractClient } from '../../src/api/table.js';

let current: ContractClient | undefined;

/** Set once at start-up by main.tsx (tests of stores set a fake). */
export function setClient(client: ContractClient): void {
  current = client;
}

/** The contract client: every call to the core goes through it. */
export function pos(): ContractClient {
  if (!current) throw new Error('the contract client is not connected yet');
  return current;
}
