import { describe, expect, it } from 'vitest';
import { generateTerminalKey } from '../../src/relay/terminal-key.js';
import { signJournalHead, verifyJournalHead } from '../../src/relay/journal-head.js';
import { uploadChain } from '../helpers/upload-chain.js';
import { TERMINAL, useSandbox } from './fixture.js';

describe('sandbox journal chain continuity (issue 14 point 5)', () => {
  const start = useSandbox();

  it('accepts a chained batch and answers with the head it holds, signed by the gateway key', async () => {
    const { client, gateway } = await start();
    const records = uploadChain([{ kind: 'sale.opened' }, { kind: 'sale.completed', body: { total: 4_500 } }]);
    const answer = await client.uploadJournal(records);
    expect(answer.acks.map((a) => a.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    expect(answer.head).toMatchObject({ terminalId: TERMINAL, seq: 2, hash: records[1]!.hash });
    expect(verifyJournalHead(gateway.publicKey(), TERMINAL, answer.head)).toBe(true);
    expect(verifyJournalHead(gateway.publicKey(), 'till-02', answer.head)).toBe(false);
    expect(verifyJournalHead(gateway.publicKey(), TERMINAL, { ...answer.head, seq: 3 })).toBe(false);
  });

  it('rejects a record whose hash does not recompute from its prevHash and content (edit-then-upload)', async () => {
    const { client } = await start();
    const [record] = uploadChain([{ kind: 'tender.state', body: { amount: 4_500 } }]);
    const answer = await client.uploadJournal([{ ...record!, body: { amount: 450_000 } }]);
    expect(answer.acks[0]).toMatchObject({ status: 'REJECTED', code: 'CHAIN_HASH_MISMATCH' });
    expect(answer.head).toBeUndefined();
  });

  it('rejects a second record at a seq it holds (a rewritten, renumbered journal) and a record that does not link', async () => {
    const { client } = await start();
    const original = uploadChain([{ kind: 'sale.opened' }, { kind: 'sale.completed' }]);
    await client.uploadJournal(original);
    const rewritten = uploadChain([{ kind: 'sale.opened', body: { forged: true } }]);
    expect((await client.uploadJournal(rewritten)).acks[0]).toMatchObject({ status: 'REJECTED', code: 'CHAIN_FORK' });
    // Seq 3 that claims a seq-2 hash other than the one held: a deleted or edited row in between.
    const [detached] = uploadChain([{ kind: 'refund.state' }], { seq: 2, hash: 'a'.repeat(64) });
    expect((await client.uploadJournal([detached!])).acks[0]).toMatchObject({ status: 'REJECTED', code: 'CHAIN_BROKEN' });
    // Seq 3 that links: accepted, and the head moves.
    const [next] = uploadChain([{ kind: 'refund.state' }], original[1]!);
    const answer = await client.uploadJournal([next!]);
    expect(answer.acks[0]!.status).toBe('ACCEPTED');
    expect(answer.head).toMatchObject({ seq: 3, hash: next!.hash });
  });

  it('a head signed by any key but the pinned one does not verify', () => {
    const pinned = generateTerminalKey();
    const head = { seq: 1, hash: 'b'.repeat(64) };
    expect(verifyJournalHead(pinned, TERMINAL, signJournalHead(pinned, TERMINAL, head, Date.now()))).toBe(true);
    expect(verifyJournalHead(pinned, TERMINAL, signJournalHead(generateTerminalKey(), TERMINAL, head, Date.now()))).toBe(false);
  });
});
