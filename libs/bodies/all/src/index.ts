export * from './secretariats.module';
export * from './upcasters';
export * from './desk-commands';
export * from './body-views';
