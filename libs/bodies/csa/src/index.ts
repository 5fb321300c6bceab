export * from './csa.module';
