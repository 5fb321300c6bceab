export * from './event-store.contract';
export * from './esdb-protocol-server';
