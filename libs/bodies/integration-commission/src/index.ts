export * from './integration-commission.module';
export * from './view/integration.view';
