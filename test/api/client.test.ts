import { describe, expect, it } from 'vitest';
import {
  type CallOutcome,
  type ContractTransport,
  ContractError,
  createContractClient,
  methodNames,
} from '../../src/api/index.js';

function fakeTransport(answer: (method: string, input: unknown) => CallOutcome) {
  const calls: { method: string; input: unknown }[] = [];
  const subscriptions: string[] = [];
  const transport: ContractTransport = {
    invoke: async (method, input) => (calls.push({ method, input }), answer(method, input)),
    subscribe: (event) => (subscriptions.push(event), () => undefined),
  };
  return { transport, calls, subscriptions };
}

describe('contract client', () => {
  it('has one function per method plus on', () => {
    const client = createContractClient(
      fakeTransport(() => ({ ok: true, result: null })).transport,
    );
    expect(Object.keys(client).sort()).toEqual([...methodNames, 'on'].sort());
  });

  it('resolves results and throws ContractError with code and issues for refusals', async () => {
    const { transport, calls } = fakeTransport((method) =>
      method === 'settings.get'
        ? { ok: true, result: { language: 'en' } }
        : {
            ok: false,
            error: {
              code: 'invalid_input',
              message: 'bad',
              issues: [{ path: 'mute', message: 'boolean' }],
            },
          },
    );
    const client = createContractClient(transport);
    expect(await client['settings.get']()).toEqual({ language: 'en' });
    const error = await client['settings.update']({ mute: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'mute', message: 'boolean' }],
    });
    expect(calls).toEqual([
      { method: 'settings.get', input: undefined },
      { method: 'settings.update', input: { mute: true } },
    ]);
  });

  it('subscribes to known events only', () => {
    const { transport, subscriptions } = fakeTransport(() => ({ ok: true, result: null }));
    const client = createContractClient(transport);
    client.on('scan', () => undefined);
    expect(subscriptions).toEqual(['scan']);
    expect(() => client.on('payment.secret' as 'scan', () => undefined)).toThrow(ContractError);
  });
});
