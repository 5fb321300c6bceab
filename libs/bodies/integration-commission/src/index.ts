export * from './integration-commission.module';
