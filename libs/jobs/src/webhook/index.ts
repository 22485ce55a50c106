export * from './event-types';
export * from './payload';
export * from './formats';
export * from './job-params';
