export * from './secretariats.module';
