export * from './protocol.js';
export { StoreLink, StoreRefusedError, StoreUnreachableError, type StoreLinkDeps } from './store-link.js';
export { StoreSync, toStoreRecord, type StoreSyncOptions, type StoreSyncResult, type StoreUpload } from './store-sync.js';
export * from './store-data-protocol.js';
export { AppliedStoreVersion } from './applied-version.js';
export { StoreDataFollower, type SaleGate, type StoreDataApply, type StoreDataSource, type StoreDataFollowerOptions } from './store-data-follower.js';
