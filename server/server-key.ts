import { type KeyObject, createPrivateKey, generateKeyPairSync } from 'node:crypto';
import type { StoreDatabase } from './db/database.js';

/**
 * The store server's signing key (docs/store-openapi.yaml, "Answers are
 * signed"): made by the first process to start on a database and kept in it,
 * so every process serving that database, and every restart, signs with the
 * key the tills pinned at enrollment. The first insert wins; the others read it.
 */
export async function loadServerKey(db: StoreDatabase): Promise<KeyObject> {
  const fresh = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
  await db.query('INSERT INTO server_keys (key_no, private_pem) VALUES (1, $1) ON CONFLICT (key_no) DO NOTHING', [fresh]);
  const row = (await db.query<{ private_pem: string }>('SELECT private_pem FROM server_keys WHERE key_no = 1')).rows[0];
  if (!row) throw new Error('the store server has no signing key');
  return createPrivateKey(row.private_pem);
}
