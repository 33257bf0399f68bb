import { EventEmitter } from 'node:events';
import { barcodeProblem } from '../src/catalog/csv-format.js';
import { type QuickKeyLayout, quickKeyLayoutSchema } from '../src/catalog/schemas.js';
import { type StaffEntry, hashPin, staffEntrySchema } from '../src/payments/roles.js';
import { OWNER_PIN_MIN_DIGITS, ownerPinAllowed } from '../src/payments/pin-policy.js';
import type { Clock } from '../src/platform/clock.js';
import { storeDetailsSchema } from '../src/receipts/index.js';
import {
  type StoreDataChanges,
  type StoreDataEdit,
  type StoreItem,
  deviceSettingsSchema,
  storeItemSchema,
} from '../src/store/store-data-protocol.js';
import type { Queryable, StoreDatabase } from './db/database.js';
import { RequestRefused } from './http-json.js';

/** The parts replaced whole, as `store_data_parts.part` names them. */
const PART_SCHEMAS = {
  quickKeys: quickKeyLayoutSchema,
  staff: staffEntrySchema.array().min(1),
  store: storeDetailsSchema,
  devices: deviceSettingsSchema,
} as const;
type PartName = keyof typeof PART_SCHEMAS;

/** Rows per multi-row statement (an unnest of arrays: one parameter per column, however many rows). */
const CHUNK = 5_000;

/**
 * The store's data managed once (issue 18 Deliver 3): the owner's edits
 * become numbered versions, and a till at version N is given what changed
 * after N. Everything is checked here the way the till's catalog and staff
 * list check it, so a version the server accepted is one every till can
 * apply. Publications of one store are serialised by a lock on its row, so
 * several server processes number versions without gaps or twins.
 */
export class StoreData {
  private readonly published = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly db: StoreDatabase,
    private readonly clock: Clock,
  ) {}

  /** The store's newest version (0: nothing published yet). */
  async head(storeId: string, q: Queryable = this.db): Promise<number> {
    const { rows } = await q.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM store_data_versions WHERE store_id = $1',
      [storeId],
    );
    return Number(rows[0]?.v ?? 0);
  }

  /** Makes `edit` the store's next version; `by` is who made it (a dashboard login). */
  async publish(storeId: string, edit: StoreDataEdit, by: string): Promise<{ version: number }> {
    const version = await this.db.transaction(async (tx) => {
      // NO KEY UPDATE: serialises publications without blocking the tills' enrolment (a key share).
      const store = await tx.query(
        'SELECT store_id FROM stores WHERE store_id = $1 FOR NO KEY UPDATE',
        [storeId],
      );
      if (store.rows.length === 0)
        throw new RequestRefused(404, 'STORE_NOT_FOUND', `no store ${storeId}`);
      const next = (await this.head(storeId, tx)) + 1;
      if (edit.items) await this.writeItems(tx, storeId, next, edit.items);
      if (edit.quickKeys) await this.checkQuickKeys(tx, storeId, edit.quickKeys);
      const parts: Array<[PartName, unknown]> = [];
      if (edit.quickKeys) parts.push(['quickKeys', edit.quickKeys]);
      if (edit.staff) parts.push(['staff', await this.staffEntries(tx, storeId, edit.staff)]);
      if (edit.store) parts.push(['store', edit.store]);
      if (edit.devices) parts.push(['devices', edit.devices]);
      for (const [part, body] of parts) {
        await tx.query(
          `INSERT INTO store_data_parts (store_id, part, version, body) VALUES ($1, $2, $3, $4)
           ON CONFLICT (store_id, part) DO UPDATE SET version = excluded.version, body = excluded.body`,
          [storeId, part, next, JSON.stringify(body)],
        );
      }
      await tx.query(
        'INSERT INTO store_data_versions (store_id, version, created_at, created_by, summary) VALUES ($1, $2, $3, $4, $5)',
        [storeId, next, this.clock.now(), by, summaryOf(edit)],
      );
      return next;
    });
    this.published.emit(storeId, version);
    return { version };
  }

  /** What a till at version `since` needs to reach the store's newest version. */
  async changes(storeId: string, since: number): Promise<StoreDataChanges> {
    // The head first: rows read after it may be newer (sent again at the next ask, harmless),
    // never older than it claims.
    const version = await this.head(storeId);
    const from = since > version ? 0 : since;
    const items = await this.db.query<{ body: string }>(
      'SELECT body FROM store_items WHERE store_id = $1 AND version > $2 ORDER BY item_id',
      [storeId, from],
    );
    const parts = await this.db.query<{ part: PartName; body: string }>(
      'SELECT part, body FROM store_data_parts WHERE store_id = $1 AND version > $2',
      [storeId, from],
    );
    const changes: StoreDataChanges = {
      since: from,
      version,
      items: items.rows.map((r) => storeItemSchema.parse(JSON.parse(r.body))),
    };
    for (const { part, body } of parts.rows)
      Object.assign(changes, { [part]: PART_SCHEMAS[part].parse(JSON.parse(body)) });
    return changes;
  }

  /** Resolves once the store's head is past `since`, or after `waitMs` (a till's long poll). */
  async waitPast(storeId: string, since: number, waitMs: number): Promise<void> {
    // A wait is measured on the monotonic timer, not the injected (business) clock.
    const deadline = performance.now() + waitMs;
    while ((await this.head(storeId)) <= since) {
      const left = deadline - performance.now();
      if (left <= 0) return;
      // Woken at once by a publication of this process; another process's is seen within a second.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.published.off(storeId, done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(1_000, left));
        this.published.on(storeId, done);
      });
    }
  }

  /** Items whose name or barcode holds `query` (all when empty), by name, at most `limit` (the dashboard's list). */
  async findItems(storeId: string, query: string, limit: number): Promise<StoreItem[]> {
    const like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await this.db.query<{ body: string }>(
      `SELECT body FROM store_items WHERE store_id = $1 AND ($2 = '' OR body ILIKE $3) ORDER BY body::json->>'name', item_id LIMIT $4`,
      [storeId, query, like, limit],
    );
    return rows.map((r) => storeItemSchema.parse(JSON.parse(r.body)));
  }

  /** One item of the store. */
  async item(storeId: string, itemId: string): Promise<StoreItem | undefined> {
    const { rows } = await this.db.query<{ body: string }>('SELECT body FROM store_items WHERE store_id = $1 AND item_id = $2', [storeId, itemId]);
    return rows[0] ? storeItemSchema.parse(JSON.parse(rows[0].body)) : undefined;
  }

  /** The staff list as published (PIN hashes), or undefined before the first. */
  async staff(storeId: string): Promise<StaffEntry[] | undefined> {
    const { rows } = await this.db.query<{ body: string }>("SELECT body FROM store_data_parts WHERE store_id = $1 AND part = 'staff'", [storeId]);
    return rows[0] ? PART_SCHEMAS.staff.parse(JSON.parse(rows[0].body)) : undefined;
  }

  /** Each till of the store with the version it last said it holds. */
  async tillVersions(storeId: string): Promise<Array<{ tillId: string; version: number; askedAt: number | null }>> {
    const { rows } = await this.db.query<{ till_id: string; data_version: number; data_asked_at: string | number | null }>(
      'SELECT till_id, data_version, data_asked_at FROM tills WHERE store_id = $1 ORDER BY till_id',
      [storeId],
    );
    return rows.map((r) => ({ tillId: r.till_id, version: Number(r.data_version), askedAt: r.data_asked_at === null ? null : Number(r.data_asked_at) }));
  }

  /** Remembers the version a till asked from (what it holds), for the owner's view of the tills. */
  async noteAsk(tillId: string, since: number): Promise<void> {
    await this.db.query(
      'UPDATE tills SET data_version = $2, data_asked_at = $3 WHERE till_id = $1',
      [tillId, since, this.clock.now()],
    );
  }

  private async writeItems(
    tx: Queryable,
    storeId: string,
    version: number,
    items: StoreItem[],
  ): Promise<void> {
    const ids = new Set<string>();
    const codes = new Map<string, string>();
    for (const item of items) {
      if (ids.has(item.id))
        throw new RequestRefused(400, 'INVALID_PARAMETER', `item ${item.id} is given twice`);
      ids.add(item.id);
      for (const code of item.barcodes) {
        const problem = barcodeProblem(code);
        if (problem) throw new RequestRefused(400, 'INVALID_PARAMETER', `${item.name}: ${problem}`);
        const other = codes.get(code);
        if (other !== undefined)
          throw new RequestRefused(
            409,
            'BARCODE_TAKEN',
            `barcode ${code} is on both ${other} and ${item.name}`,
          );
        codes.set(code, item.name);
      }
    }
    const idList = [...ids];
    const codeList = [...codes.keys()];
    // A barcode kept by an item this edit leaves alone stays its own: name that item.
    for (let i = 0; i < codeList.length; i += CHUNK) {
      const taken = await tx.query<{ code: string; item_id: string }>(
        'SELECT code, item_id FROM store_item_barcodes WHERE store_id = $1 AND code = ANY($2::text[]) AND NOT (item_id = ANY($3::text[])) LIMIT 1',
        [storeId, codeList.slice(i, i + CHUNK), idList],
      );
      const clash = taken.rows[0];
      if (clash)
        throw new RequestRefused(
          409,
          'BARCODE_TAKEN',
          `barcode ${clash.code} is already on item ${clash.item_id}`,
        );
    }
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK);
      // An item sent again unchanged keeps its version: the tills are not sent it again.
      await tx.query(
        `INSERT INTO store_items (store_id, item_id, version, body)
         SELECT $1, t.item_id, $2, t.body FROM unnest($3::text[], $4::text[]) AS t (item_id, body)
         ON CONFLICT (store_id, item_id) DO UPDATE SET version = excluded.version, body = excluded.body
           WHERE store_items.body IS DISTINCT FROM excluded.body`,
        [storeId, version, chunk.map((it) => it.id), chunk.map((it) => JSON.stringify(it))],
      );
      await tx.query(
        'DELETE FROM store_item_barcodes WHERE store_id = $1 AND item_id = ANY($2::text[])',
        [storeId, chunk.map((it) => it.id)],
      );
      const pairs = chunk.flatMap((it) => it.barcodes.map((code) => [code, it.id] as const));
      if (pairs.length > 0)
        await tx.query(
          'INSERT INTO store_item_barcodes (store_id, code, item_id) SELECT $1, * FROM unnest($2::text[], $3::text[])',
          [storeId, pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        );
    }
  }

  /** A quick key names an item of the store (the till's catalog refuses an unknown one). */
  private async checkQuickKeys(
    tx: Queryable,
    storeId: string,
    layout: QuickKeyLayout,
  ): Promise<void> {
    const wanted = [...new Set(layout.tabs.flatMap((t) => t.itemIds))];
    if (wanted.length === 0) return;
    const { rows } = await tx.query<{ item_id: string }>(
      'SELECT item_id FROM store_items WHERE store_id = $1 AND item_id = ANY($2::text[])',
      [storeId, wanted],
    );
    const known = new Set(rows.map((r) => r.item_id));
    const unknown = wanted.find((id) => !known.has(id));
    if (unknown !== undefined)
      throw new RequestRefused(
        400,
        'INVALID_PARAMETER',
        `quick key names no item of the store: ${unknown}`,
      );
  }

  /**
   * The staff list as the tills keep it: PINs hashed here (src/payments/roles.ts),
   * a PIN left out kept from the current list. The rules are the till's
   * (main/services/staff-store.ts): a new person needs a PIN, an owner's PIN has
   * at least six digits, and there is always an owner.
   */
  private async staffEntries(
    tx: Queryable,
    storeId: string,
    staff: NonNullable<StoreDataEdit['staff']>,
  ): Promise<StaffEntry[]> {
    if (!staff.some((s) => s.role === 'owner'))
      throw new RequestRefused(400, 'LAST_OWNER', 'the store needs at least one owner');
    const ids = new Set(staff.map((s) => s.staffId));
    if (ids.size !== staff.length)
      throw new RequestRefused(400, 'INVALID_PARAMETER', 'a staff id is given twice');
    const current = await tx.query<{ body: string }>(
      "SELECT body FROM store_data_parts WHERE store_id = $1 AND part = 'staff'",
      [storeId],
    );
    const hashes = new Map(
      current.rows[0]
        ? PART_SCHEMAS.staff
            .parse(JSON.parse(current.rows[0].body))
            .map((s) => [s.staffId, s.pinHash])
        : [],
    );
    return staff.map((s) => {
      if (s.role === 'owner' && s.pin !== undefined && !ownerPinAllowed(s.pin))
        throw new RequestRefused(
          400,
          'PIN_TOO_SHORT',
          `an owner's PIN has at least ${OWNER_PIN_MIN_DIGITS} digits (${s.name})`,
        );
      const pinHash = s.pin === undefined ? hashes.get(s.staffId) : hashPin(s.pin);
      if (!pinHash)
        throw new RequestRefused(400, 'PIN_REQUIRED', `${s.name} is new and needs a PIN`);
      return { staffId: s.staffId, name: s.name, role: s.role, pinHash };
    });
  }
}

/** One line for the version list: what the edit changed. */
function summaryOf(edit: StoreDataEdit): string {
  const parts: string[] = [];
  if (edit.items) parts.push(`${edit.items.length} item(s)`);
  if (edit.quickKeys) parts.push('quick keys');
  if (edit.staff) parts.push(`staff (${edit.staff.length})`);
  if (edit.store) parts.push('store details');
  if (edit.devices) parts.push('device settings');
  return parts.join(', ');
}
