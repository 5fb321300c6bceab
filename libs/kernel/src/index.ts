export * from './bodies';
export * from './calendar-date';
export * from './json';
export * from './decider';
export * from './envelope';
export * from './upcasters';
export * from './source';
export * from './chronicle';
