export * from './cts.module';
