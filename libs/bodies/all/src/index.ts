export * from './secretariats.module';
export * from './upcasters';
export * from './command-catalogue';
