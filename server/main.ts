import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { systemClock } from '../src/platform/clock.js';
import { GATEWAY_KEY_FILE, fileGatewayPin } from '../src/relay/gateway-key-file.js';
import { RelayClient } from '../src/relay/relay-client.js';
import { loadTerminalKey } from '../src/relay/terminal-key.js';
import { openStoreDatabase } from './db/database.js';
import { keepJournalMonths } from './db/journal-months.js';
import { migrateServer } from './db/migrations.js';
import { attachDashboard } from './dashboard/index.js';
import { StoreServer } from './store-server.js';
import { upsertStore } from './stores.js';

const USAGE = `usage: npm run server -- [--port 8790] [--host 127.0.0.1] [--data .store-data] [--database postgres://…]
                         [--store-id STORE1] [--store-name NAME] [--enrollment-code CODE]
                         [--owner LOGIN] [--hq LOGIN]   (password from POS_DASHBOARD_PASSWORD)
                         [--gateway URL --gateway-terminal ID --gateway-key FILE]
The owner's dashboard is at /dashboard: --owner sets up a login that sees --store-id,
--hq one that sees every store of the server. --gateway reads --store-id's merchant
statement for its close-out as the back office ID, whose key FILE was registered with
\`pos relay register --terminal ID --key FILE\` (its pinned gateway key beside it).`;

/**
 * `npm run server`: the store server. Embedded PGlite in the data folder by
 * default (nothing to install); `--database postgres://…` for PostgreSQL 15+.
 * With --enrollment-code it sets up (or updates) the store tills enroll in.
 */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8790' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: '.store-data' },
        database: { type: 'string' },
        'store-id': { type: 'string', default: 'STORE1' },
        'store-name': { type: 'string', default: 'My store' },
        'enrollment-code': { type: 'string' },
        owner: { type: 'string' },
        hq: { type: 'string' },
        gateway: { type: 'string' },
        'gateway-terminal': { type: 'string' },
        'gateway-key': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let backOffice: RelayClient | undefined;
  if (values.gateway) {
    const keyPath = values['gateway-key'];
    const terminalId = values['gateway-terminal'];
    if (!keyPath || !terminalId) {
      console.error(`--gateway needs --gateway-terminal and --gateway-key\n${USAGE}`);
      return 2;
    }
    // The pin `pos relay register` wrote: no answer is believed that the registered gateway key did not sign.
    const gatewayKey = fileGatewayPin(join(dirname(keyPath), GATEWAY_KEY_FILE));
    if (!gatewayKey.current()) {
      console.error(`no pinned gateway key beside ${keyPath}: register the back office first (pos relay register --terminal ${terminalId} --key ${keyPath})`);
      return 2;
    }
    // A till waits 15 s for the close-out it asked for (StoreLink): two dates at 5 s each, asked once, fit inside it.
    backOffice = new RelayClient({ baseUrl: values.gateway, terminalId, privateKey: loadTerminalKey(keyPath), gatewayKey, clock: systemClock, timeouts: { merchantSettlement: 5_000 }, retry: { attempts: 1 } });
  }
  const logger = pino({ level: 'info' });
  const dataDir = resolve(values.data, 'pglite');
  if (!values.database) {
    mkdirSync(dataDir, { recursive: true });
    console.error(`store server: PGlite in ${dataDir} (the first start creates the database, about 15 s)`);
  }
  const db = await openStoreDatabase({
    url: values.database,
    dataDir,
    onIdleError: (error) => logger.warn({ err: error }, 'a PostgreSQL connection was cut while idle; the next query opens a new one'),
  });
  await migrateServer(db, systemClock);
  const stopUpkeep = keepJournalMonths(db, systemClock, (error) => logger.error({ err: error }, 'making the journal month tables failed'));
  if (values['enrollment-code']) {
    await upsertStore(db, systemClock, { storeId: values['store-id'], name: values['store-name'], enrollmentCode: values['enrollment-code'] });
  }
  const storeId = values['store-id'];
  const server = new StoreServer({ db, clock: systemClock, logger, merchantStatements: (id) => (id === storeId ? backOffice : undefined) });
  const dashboard = attachDashboard(server, db, systemClock);
  for (const role of ['owner', 'hq'] as const) {
    const login = values[role];
    if (!login) continue;
    // From the environment, not a flag: a flag shows in `ps` to everyone on the machine.
    const password = process.env.POS_DASHBOARD_PASSWORD;
    if (!password) {
      console.error(`--${role} needs the password in POS_DASHBOARD_PASSWORD`);
      return 2;
    }
    await dashboard.accounts.upsert({ login, displayName: login, role, password, storeIds: [values['store-id']] });
  }
  const running = await server.listen(Number(values.port), values.host);
  console.error(`store server: listening on ${running.url} (${db.kind}); Ctrl+C stops`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  stopUpkeep();
  await running.close();
  await db.close();
  return 0;
}

process.exitCode = await main();
