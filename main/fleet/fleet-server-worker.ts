/**
 * The store server of `pos fleet` in its own process, so the parent can
 * SIGKILL it: opens the database (PGlite in --data, or --database), runs the
 * migrations, sets up stores ST0001… with enrollment codes CODE-ST0001…, and
 * listens on --port. Prints `ready` once it takes requests.
 */
import { parseArgs } from 'node:util';
import { systemClock } from '../../src/platform/clock.js';
import { openStoreDatabase } from '../../server/db/database.js';
import { migrateServer } from '../../server/db/migrations.js';
import { StoreServer } from '../../server/store-server.js';
import { upsertStore } from '../../server/stores.js';
import { fleetStoreIds } from './fleet-plan.js';

const { values } = parseArgs({
  options: { data: { type: 'string' }, database: { type: 'string' }, port: { type: 'string' }, stores: { type: 'string' } },
});
const db = await openStoreDatabase({ url: values.database, dataDir: values.data });
await migrateServer(db, systemClock);
for (const storeId of fleetStoreIds(Number(values.stores))) {
  await upsertStore(db, systemClock, { storeId, name: `Store ${storeId}`, enrollmentCode: `CODE-${storeId}` });
}
await new StoreServer({ db, clock: systemClock }).listen(Number(values.port));
console.log('ready');
process.once('SIGTERM', () => void db.close().then(() => process.exit(0)));
