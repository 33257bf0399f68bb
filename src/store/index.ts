export * from './protocol.js';
export { STORE_SERVER_KEY_FILE, StoreKeyNotPinnedError, StoreLink, StoreRefusedError, StoreUnreachableError, type StoreLinkDeps } from './store-link.js';
export { StoreSync, toStoreRecord, type StoreSyncOptions, type StoreSyncResult, type StoreUpload } from './store-sync.js';
export * from './store-data-protocol.js';
export { AppliedStoreVersion } from './applied-version.js';
export { StoreDataFollower, type SaleGate, type StoreDataApply, type StoreDataSource, type StoreDataFollowerOptions } from './store-data-follower.js';
export * from './store-closeout-schema.js';
export { STORE_CLOSEOUT_LABELS, buildStoreCloseoutDocument } from './store-closeout-document.js';
