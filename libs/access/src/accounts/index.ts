export * from './account-events';
export * from './person-tokens';
