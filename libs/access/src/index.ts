export * from './signing-secret';
export * from './tokens';
export * from './access-log';
export * from './accounts';
export * from './signing-keys';
