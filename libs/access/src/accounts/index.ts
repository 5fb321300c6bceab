export * from './account-events';
export * from './person-tokens';
export * from './token-records';
export * from './token-register';
