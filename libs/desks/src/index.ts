export * from './desk-command';
export * from './command-input';
export * from './command-gate';
export * from './decider-handler';
export * from './desks';
export * from './fields';
export * from './scalars';
export * from './desks.module';
