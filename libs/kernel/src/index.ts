export * from './bodies';
export * from './calendar-date';
export * from './decider';
export * from './envelope';
export * from './command-id';
export * from './upcasters';
export * from './decision-runner';
