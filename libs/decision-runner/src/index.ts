export * from './command-id';
export * from './decision-runner';
