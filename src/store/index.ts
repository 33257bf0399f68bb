export * from './protocol.js';
export { StoreLink, StoreRefusedError, StoreUnreachableError, type StoreLinkDeps } from './store-link.js';
export { StoreSync, toStoreRecord, type StoreSyncOptions, type StoreSyncResult, type StoreUpload } from './store-sync.js';
