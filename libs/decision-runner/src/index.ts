export * from './command-id';
export * from './decision-runner';
export * from './decided-states';
