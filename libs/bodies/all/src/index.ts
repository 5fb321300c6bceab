export * from './secretariats.module';
export * from './upcasters';
