import { describe, expect, it } from 'vitest';
import { runFleet } from '../../main/fleet/run-fleet.js';
import { postgresUrl } from './test-databases.js';

// Issue 18 point 7, the short variant `npm test` runs: real journals and
// store sync engines in two processes, a store server in its own, both
// SIGKILLed and restarted while batches are duplicated, reordered and cut;
// then every till's journal is compared with the server record by record.
describe('pos fleet (short)', () => {
  it('loses, doubles and breaks nothing through till and server kills', async () => {
    const result = await runFleet({ stores: 2, tills: 2, sales: 30, seed: 7, database: postgresUrl(), processes: 2, tillKills: 2, serverKills: 1 });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ stores: 2, tills: 4, records: 360, ingested: 360, duplicates: 0, lost: 0, chainBreaks: 0, serverKills: 1 });
    expect(result.tillKills).toBe(2);
  }, 120_000);
});
