export { openDatabase, DurabilityError, type SqliteDatabase } from './database.js';
export { canonicalJson } from './canonical-json.js';
export { migrate, schemaVersion, SchemaTooNewError, type Migration } from './migration.js';
export { migrations } from './migrations/index.js';
export { Journal, type JournalEntry, type JournalRecord, type VerifyResult } from './journal.js';
export { Outbox, type OutboxItem, type QuarantinedItem } from './outbox.js';
export { openJournalStore, type JournalStore } from './journal-store.js';
export { GENESIS_HASH, chainHash } from './hash-chain.js';
export { chainHead, recordHash, formatChainHead, type ChainHead, type PortableRecord } from './chain-head.js';
