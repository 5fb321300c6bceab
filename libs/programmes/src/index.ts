// The domain: what the read model and every other reader may use. The secretariats' side is `@ddr/programmes/desk`.
export * from './programme.events';
export * from './programme.commands';
export * from './programme.state';
export * from './programme-breakdown.state';
export * from './programme.decider';
