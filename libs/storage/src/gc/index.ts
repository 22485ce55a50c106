// Storage-level operations of garbage collection (used by registryctl).
export * from './gc-layout';
export * from './stored-blobs';
export * from './blob-deletion';
export * from './manifest-deletion';
export { runLimited } from '../run-limited';
