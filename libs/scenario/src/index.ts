export * from './scenario-file';
export * from './scenario-loader';
