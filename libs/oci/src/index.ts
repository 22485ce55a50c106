// @harbor-ts/oci: the registry protocol as pure functions (no I/O, no server).
export * from './errors';
export * from './digest';
export * from './reference';
export * from './v2-routes';
export * from './media-types';
export { readDescriptor } from './descriptor';
export * from './manifest';
export * from './manifest-links';
export * from './stored-manifest';
export * from './v2-pagination';
